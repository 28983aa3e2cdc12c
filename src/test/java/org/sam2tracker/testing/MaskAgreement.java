package org.sam2tracker.testing;

/** How two runs' masks of one object agree, pixel for pixel. */
public final class MaskAgreement {

	private MaskAgreement() {}

	/** Intersection over union; 1 where both masks are empty (they agree, though trivially). */
	public static double iou(final boolean[] a, final boolean[] b) {
		long inter = 0;
		long union = 0;
		for (int p = 0; p < a.length; p++) {
			if (a[p] && b[p]) inter++;
			if (a[p] || b[p]) union++;
		}
		return union == 0 ? 1 : (double) inter / union;
	}

	/** Whether a mask has no pixel. */
	public static boolean isEmpty(final boolean[] mask) {
		for (final boolean inside : mask) {
			if (inside) return false;
		}
		return true;
	}
}
