/**
 * Programs that make the documentation's images: {@link org.sam2tracker.docs.Screenshots} makes the README
 * screenshots. They need a screen and run by hand, not in the test suite.
 */
package org.sam2tracker.docs;
