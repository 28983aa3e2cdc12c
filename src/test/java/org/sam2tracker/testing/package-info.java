/**
 * Test fixtures shared by the tests of several packages: the committed clips as frame sources, the synthetic
 * cells' ground truth, moving disks of known truth, TIFF files written byte by byte, and how two runs' masks agree.
 */
package org.sam2tracker.testing;
