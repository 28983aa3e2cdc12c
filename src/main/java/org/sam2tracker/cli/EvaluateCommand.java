package org.sam2tracker.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sam2tracker.evaluate.CtcTracking;
import org.sam2tracker.evaluate.TrackingMeasures;
import org.sam2tracker.io.CtcFolder;
import org.sam2tracker.io.InputException;
import org.sam2tracker.run.ExitStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Scores a Cell Tracking Challenge result folder against a ground truth: DET, SEG and TRA, with the counts. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score a tracking result (a -ctc " +
	"folder) against a ground truth in the Cell Tracking Challenge's layout (TRA/ and SEG/): DET, SEG and TRA, " +
	"and the errors behind them.")
final class EvaluateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "TRUTH", description = "the ground truth folder (holding TRA/, and SEG/ " +
		"for SEG)")
	Path truth;

	@Parameters(index = "1", paramLabel = "RESULT", description = "the result folder (mask000.tif ... and " +
		"res_track.txt, as track writes it in <name>-ctc)")
	Path result;

	private final PrintStream out;
	private final PrintStream err;

	EvaluateCommand(final PrintStream out, final PrintStream err) {
		this.out = out;
		this.err = err;
	}

	@Override
	public Integer call() {
		try {
			final CtcTracking reference = CtcFolder.readTruth(truth);
			final CtcTracking computed = CtcFolder.readResult(result);
			if (reference.timePoints() != computed.timePoints()) {
				err.println("The truth has " + reference.timePoints() + " time points and the result " + computed
					.timePoints() + ": they must be of the same clip.");
				return ExitStatus.BAD_INPUT.code();
			}
			final TrackingMeasures.Counts c = TrackingMeasures.compare(reference, computed);
			final CtcFolder.Segmentation seg = CtcFolder.readSegmentation(truth);
			out.printf(Locale.ROOT, "DET %.4f%n", c.det());
			out.println(seg.frames().isEmpty() ? "SEG -      (the truth has no SEG folder)" : String.format(Locale.ROOT,
				"SEG %.4f  (%d time points)", TrackingMeasures.seg(seg.frames(), seg.timePoints(), computed.frames()), seg
					.frames().size()));
			out.printf(Locale.ROOT, "TRA %.4f%n", c.tra());
			out.printf(Locale.ROOT, "AOGM %.1f: %d splits, %d missed, %d extra objects; %d redundant, %d missing, %d " +
				"wrong-kind links (truth: %d objects, %d links)%n", c.aogm(), c.ns(), c.fn(), c.fp(), c.ed(), c.ea(), c.ec(),
				c.referenceVertices(), c.referenceEdges());
			return ExitStatus.OK.code();
		}
		catch (final InputException e) {
			err.println(e.getMessage());
			return e.exitStatus().code();
		}
	}
}
