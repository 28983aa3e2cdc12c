package org.sam2tracker.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sam2tracker.model.BundleException;
import org.sam2tracker.model.Device;
import org.sam2tracker.run.BadInputException;

/**
 * Plugins > Tracking > SAM 2 Interactive...: opens the interactive panel beside the current image, after asking
 * which installed model to keep open and on which device. It needs a screen; macros and batches use
 * SAM 2 Tracker....
 */
public class InteractivePlugin implements PlugIn {

	static final String TITLE = "SAM 2 Interactive";

	@Override
	public void run(final String arg) {
		if (GraphicsEnvironment.isHeadless()) {
			IJ.log(TITLE + " needs a screen: without one, track with SAM 2 Tracker... (also from macros).");
			return;
		}
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.error(TITLE, "There is no image: open a time-lapse or a z-stack first.");
			return;
		}
		final Map<String, Path> installed = InteractivePanel.models().installed();
		if (installed.isEmpty()) {
			IJ.error(TITLE, "No SAM 2 model is installed: install one with Plugins > Tracking > SAM 2 Manage " +
				"Models... first.");
			return;
		}
		final GenericDialog gd = new GenericDialog(TITLE);
		final List<String> names = new ArrayList<>(installed.keySet());
		gd.addChoice("Model", names.toArray(new String[0]), names.get(0));
		gd.addChoice("Device", new String[] { "Auto", "CPU", "GPU" }, "Auto");
		gd.addMessage("Click: the selected object. Alt-click: not the object. Drag: a box.");
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final Path bundle = installed.get(gd.getNextChoice());
		final Device device = Device.valueOf(gd.getNextChoice().toUpperCase());
		IJ.showStatus(TITLE + ": opening the model...");
		try {
			InteractivePanel.open(imp, bundle, device);
			IJ.showStatus("");
		}
		catch (final BundleException | BadInputException e) {
			IJ.error(TITLE, e.getMessage());
		}
	}
}
