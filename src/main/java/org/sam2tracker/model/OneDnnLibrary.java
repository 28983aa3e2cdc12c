package org.sam2tracker.model;

import org.bytedeco.dnnl.global.dnnl;

/**
 * Whether oneDNN's native library loads in this process, and which bfloat16 matrix instructions it finds on this
 * CPU (it asks the CPU itself, on every operating system). Asked once; a library that is missing or cannot load
 * is a reason, never an error.
 */
final class OneDnnLibrary {

	// oneDNN's instruction-set masks include their subsets; compile-time constants, so reading them loads nothing.
	private static final int AVX512_BF16 = dnnl.dnnl_cpu_isa_avx512_core_bf16;
	private static final int AMX = dnnl.dnnl_cpu_isa_avx512_core_amx;

	private static final String PROBLEM;
	private static final int ISA;

	static {
		String problem = null;
		int isa = 0;
		try {
			isa = dnnl.dnnl_get_effective_cpu_isa();
		}
		catch (final LinkageError | RuntimeException e) {
			problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		}
		PROBLEM = problem;
		ISA = isa;
	}

	private OneDnnLibrary() {}

	/** Why oneDNN cannot run here, or null when it loaded. */
	static String problem() {
		return PROBLEM;
	}

	/** The bfloat16 matrix instructions oneDNN will use, in words ("AMX", "AVX512-BF16"), or null for none. */
	static String bf16Units() {
		if (PROBLEM != null) return null;
		if ((ISA & AMX) == AMX) return "AMX";
		if ((ISA & AVX512_BF16) == AVX512_BF16) return "AVX512-BF16";
		return null;
	}
}
