/**
 * Tests of the project as a whole rather than of one package: {@link org.sam2tracker.LayeringTest} checks that
 * each package imports only the packages below it.
 */
package org.sam2tracker;
