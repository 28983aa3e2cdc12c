/**
 * Tests of what is shipped, run by {@code mvn verify} after the packages are built: the self-contained command-line
 * jar on its own, and the Fiji zip unpacked into a plain ImageJ.
 */
package org.sam2tracker.packaging;
