/**
 * Test fixtures shared by the tests of several packages: the committed clips as frame sources, the synthetic
 * cells' ground truth, moving disks of known truth, and TIFF files written byte by byte.
 */
package org.sam2tracker.testing;
