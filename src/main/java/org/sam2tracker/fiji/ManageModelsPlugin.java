package org.sam2tracker.fiji;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sam2tracker.install.BundleImport;
import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.install.DownloadException;
import org.sam2tracker.install.GpuPack;
import org.sam2tracker.install.GpuPackInstaller;
import org.sam2tracker.install.GpuPackStatus;
import org.sam2tracker.install.InstallException;
import org.sam2tracker.install.InstallStatus;
import org.sam2tracker.install.ModelInstaller;
import org.sam2tracker.install.Sizes;
import org.sam2tracker.model.BundleException;

/**
 * Plugins > Tracking > SAM 2 Manage Models...: the SAM 2.1 models with their size and status; install one
 * (downloading the official weights once, or from a model.safetensors already on disk), verify or remove it; or
 * install a bundle folder or .zip of one's own. Recordable: {@code run("SAM 2 Manage Models...", "model=tiny
 * action=install")}, with {@code from=<file>} for an offline install, or {@code from=<bundle folder or .zip>}.
 */
public class ManageModelsPlugin implements PlugIn {

	static final String TITLE = "SAM 2 Manage Models";
	static final String[] ACTIONS = { "install", "verify", "remove" };
	/** The model choice's item (and macro value) for the GPU pack. */
	static final String GPU_PACK = "gpu";

	@Override
	public void run(final String arg) {
		final ModelInstaller installer = FijiInstall.installer();
		final List<CatalogEntry> entries = installer.catalog().entries();
		final String macro = Macro.getOptions();
		final String model;
		final String action;
		final String from;
		if (macro == null && !GraphicsEnvironment.isHeadless()) {
			final GenericDialog gd = new GenericDialog(TITLE);
			final StringBuilder table = new StringBuilder("Models are installed in " + installer.root() + "\n \n");
			final List<String> items = new ArrayList<>();
			for (final CatalogEntry e : entries) {
				table.append(String.format(Locale.ROOT, "%s (%s): %s, %s%n", e.title(), e.description(), Sizes.of(
					e.plannedBytes()), installer.status(e)));
				items.add(e.shortName());
			}
			final java.util.Optional<GpuPack> pack = GpuPack.forThisComputer();
			if (pack.isPresent()) {
				final GpuPackInstaller gpu = new GpuPackInstaller(pack.get(), GpuPack.standardRoot());
				table.append(String.format(Locale.ROOT, "GPU pack (CUDA for NVIDIA GPUs; only the driver is needed " +
					"besides): %s download, %s%n", Sizes.of(pack.get().downloadBytes()), gpu.status().installed() ?
						"installed" : gpu.status().state() == GpuPackStatus.State.DAMAGED ? "damaged: install repairs it" :
							"not installed"));
				items.add(GPU_PACK);
			}
			gd.addMessage(table.toString());
			gd.addChoice("Model", items.toArray(new String[0]), items.get(0));
			gd.addChoice("Action", ACTIONS, ACTIONS[0]);
			gd.addFileField("From file or folder (optional, for install)", "");
			gd.addMessage("Install downloads the model's official weights (model.safetensors of facebook/sam2.1-hiera-*)\n" +
				"once. Without internet, download that file elsewhere and give it here.\n" +
				"A bundle folder or .zip given here is installed under its own name instead.\n" +
				"Model 'gpu' installs the GPU pack: the CUDA libraries for tracking on an NVIDIA GPU, fetched from\n" +
				"Maven Central (or from its jars, given here).");
			gd.addHelp(TrackerDialog.HELP);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			model = gd.getNextChoice();
			action = gd.getNextChoice();
			from = gd.getNextString().trim();
		}
		else {
			model = Macro.getValue(macro == null ? "" : macro, "model", "");
			action = Macro.getValue(macro == null ? "" : macro, "action", "install").toLowerCase(Locale.ROOT);
			from = Macro.getValue(macro == null ? "" : macro, "from", "").trim();
		}
		if (action.equals("install") && !from.isEmpty() && BundleImport.isBundleSource(Path.of(from))) {
			installBundle(installer.root(), Path.of(from));
			return;
		}
		if (model.equals(GPU_PACK)) {
			gpuPack(action, from.isEmpty() ? null : Path.of(from));
			return;
		}
		final CatalogEntry entry = installer.catalog().find(model).orElse(null);
		if (entry == null) {
			fail("No model named '" + model + "': choose one of " + installer.catalog().shortNames() + ".");
			return;
		}
		switch (action) {
			case "install" -> install(installer, entry, from.isEmpty() ? null : Path.of(from));
			case "verify" -> verify(installer, entry);
			case "remove" -> remove(installer, entry);
			default -> fail("Unknown action '" + action + "': choose install, verify or remove.");
		}
	}

	/** Installs, verifies or removes this computer's GPU pack. */
	private static void gpuPack(final String action, final Path from) {
		final java.util.Optional<GpuPack> pack = GpuPack.forThisComputer();
		if (pack.isEmpty()) {
			fail(GpuPack.unavailable(System.getProperty("os.name"), System.getProperty("os.arch")) + ".");
			return;
		}
		final GpuPackInstaller gpu = new GpuPackInstaller(pack.get(), GpuPack.standardRoot());
		try {
			switch (action) {
				case "install" -> FijiInstall.installGpuPack(gpu, from);
				case "verify" -> {
					IJ.showStatus("Verifying the GPU pack...");
					final GpuPackStatus status = gpu.verify();
					IJ.showStatus("");
					if (status.installed()) IJ.log("SAM 2 Tracker: the GPU pack in " + gpu.folder() + ": every file checks out.");
					else fail("The GPU pack is " + (status.state() == GpuPackStatus.State.MISSING ? "not installed." :
						"damaged: " + String.join("; ", status.problems()) + ". Install it again to repair it."));
				}
				case "remove" -> {
					gpu.remove();
					IJ.log("SAM 2 Tracker: the GPU pack was removed from " + gpu.folder() + ".");
				}
				default -> fail("Unknown action '" + action + "': choose install, verify or remove.");
			}
		}
		catch (final InstallException | DownloadException | java.io.IOException e) {
			fail(e.getMessage());
		}
	}

	private static void install(final ModelInstaller installer, final CatalogEntry entry, final Path from) {
		try {
			FijiInstall.install(installer, entry, from);
		}
		catch (final InstallException | DownloadException e) {
			fail(e.getMessage());
		}
	}

	private static void installBundle(final Path root, final Path bundle) {
		try {
			final Path installed = new BundleImport(root).install(bundle, null, false);
			IJ.log("SAM 2 Tracker: the bundle " + installed.getFileName() + " is installed in " + installed + ".");
		}
		catch (final BundleException | InstallException e) {
			fail(e.getMessage());
		}
	}

	private static void verify(final ModelInstaller installer, final CatalogEntry entry) {
		IJ.showStatus("Verifying " + entry.title() + "...");
		final InstallStatus status = installer.verify(entry);
		IJ.showStatus("");
		if (status.installed()) IJ.log("SAM 2 Tracker: " + entry.title() + " in " + installer.folder(entry) +
			": every file checks out.");
		else fail(entry.title() + ": " + status);
	}

	private static void remove(final ModelInstaller installer, final CatalogEntry entry) {
		try {
			IJ.log("SAM 2 Tracker: " + (installer.remove(entry) ? entry.title() + " removed from " + installer.root() + "."
				: entry.title() + " is not installed in " + installer.root() + "; there is nothing to remove."));
		}
		catch (final InstallException e) {
			fail(e.getMessage());
		}
	}

	private static void fail(final String message) {
		Sam2TrackerPlugin.fail(TITLE, message);
	}
}
