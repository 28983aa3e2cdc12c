package org.sam2tracker.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/** What this process's ONNX Runtime offers: its version and execution providers, for logs and run reports. */
public final class RuntimeInfo {

	private RuntimeInfo() {}

	public static String onnxRuntimeVersion() {
		return SessionFactory.processEnvironment().getVersion();
	}

	/** The execution providers of this build, by name ("CPU", "CUDA", ...). */
	public static Set<String> providers() {
		final Set<String> names = new TreeSet<>();
		SessionFactory.processEnvironment();
		for (final OrtProvider p : OrtEnvironment.getAvailableProviders()) names.add(p.name());
		return names;
	}

	/** Whether this build of ONNX Runtime carries CUDA at all (whether a GPU starts is known when a model opens). */
	public static boolean hasCuda() {
		SessionFactory.processEnvironment();
		return EnumSet.copyOf(OrtEnvironment.getAvailableProviders()).contains(OrtProvider.CUDA);
	}
}
