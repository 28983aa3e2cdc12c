package org.sam2tracker.track;

import org.sam2tracker.model.BundleConfig;

/**
 * A prompted frame's mask is binarized before it becomes a memory, as in the reference. A pixel whose logit is
 * within rounding of 0 there can fall on either side, depending on the CPU's arithmetic (measured: 2 of 65,536
 * pixels at |logit| < 3e-6 in the fixture's correction run on an AVX-512 machine), and a memory that differs by
 * such pixels moves the frames after it by up to 9.7e-3 (IoU 0.9985), as much as the graphs replayed in ONNX
 * Runtime from Python differ there. Comparisons with the reference hold the frames after such a knife edge to
 * looser bounds ({@link #MAX_LOGIT_DIFF_AFTER}, {@link #MIN_IOU_AFTER}).
 */
final class KnifeEdge {

	/** How close to 0 a reference logit must be for its pixel to be on the knife edge. */
	static final double WITHIN = 1e-3;
	static final double MAX_LOGIT_DIFF_AFTER = 1e-2;
	static final double MIN_IOU_AFTER = 0.995;

	private KnifeEdge() {}

	/**
	 * Whether the reference's mask and ours, at the model's input size (where the memory encoder binarizes it),
	 * differ in sign at some pixel, and only at pixels whose reference logit is within {@link #WITHIN} of 0.
	 */
	static boolean between(final BundleConfig c, final float[] theirs, final float[] ours) {
		final int l = c.lowResMaskSize();
		final int s = c.imageSize();
		final float[] a = Bilinear.resize(theirs, l, l, s, s);
		final float[] b = Bilinear.resize(ours, l, l, s, s);
		boolean flipped = false;
		for (int p = 0; p < a.length; p++) {
			if ((a[p] > 0) == (b[p] > 0)) continue;
			if (Math.abs(a[p]) > WITHIN) return false;
			flipped = true;
		}
		return flipped;
	}
}
