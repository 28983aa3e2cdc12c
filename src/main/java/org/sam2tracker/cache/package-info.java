/**
 * The feature cache on disk: each frame's image features kept in a folder under the key the engine gives them
 * (the frame as the encoder sees it, and the model), bounded in size, shared by runs, sessions and processes.
 * Above the engine, which only sees {@link org.sam2tracker.track.FeatureStore}; below the front ends, which make
 * one from the run options.
 */
package org.sam2tracker.cache;
