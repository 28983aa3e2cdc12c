/**
 * Benchmark programs, not tests: {@link org.sam2tracker.bench.EngineBenchmark} times the engine on a bundle and
 * a folder of frames. They run by hand (see their class comments) and are not part of the test suite.
 */
package org.sam2tracker.bench;
