package org.sam2tracker.model;

/**
 * The matrix-product rate this CPU reaches through oneDNN, in float32 and in bfloat16: the yardstick for how close
 * a stage comes to the machine's limit (benchmarks measure it in the same run as the stages).
 */
public final class ProductPeak {

	private static final int SIDE = 2048;
	private static final int REPEATS = 5;

	private ProductPeak() {}

	/**
	 * GFLOP/s of the fastest of a few 2048 x 2048 x 2048 products, on all the cores oneDNN uses; NaN where oneDNN
	 * cannot load, or for bfloat16 where the CPU has no bfloat16 matrix units.
	 */
	public static double gflops(final boolean bfloat16) {
		if (OneDnnLibrary.problem() != null || bfloat16 && OneDnnLibrary.bf16Units() == null) return Double.NaN;
		try (OneDnn dnn = new OneDnn(bfloat16, OneDnn.QUERY_BLOCK)) {
			return dnn.peakGflops(SIDE, REPEATS);
		}
	}
}
