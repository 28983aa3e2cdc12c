package org.sam2tracker.output;

import java.io.IOException;
import java.nio.file.Path;

/** The run report: input, prompts, model, device, options, versions and time per stage. Written last. */
final class RunReportJson implements OutputFormat {

	@Override
	public String suffix() {
		return "-run.json";
	}

	@Override
	public String description() {
		return "the run report: input, prompts, model and its SHA-256, device, options, versions, time per stage";
	}

	@Override
	public void write(final RunRecord run, final Path target) throws IOException {
		run.report().write(target);
	}
}
