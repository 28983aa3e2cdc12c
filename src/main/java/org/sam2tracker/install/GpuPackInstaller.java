package org.sam2tracker.install;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.sam2tracker.files.AtomicFiles;
import org.sam2tracker.files.AtomicFolders;

/**
 * Installs a GPU pack as a model is installed: each pinned file fetched from its jar on Maven Central (only its own
 * bytes, resumable) or taken from files the user has, checked, gathered in a staging folder that survives an
 * interruption, and moved into place whole once every file is there; a pack folder is complete or absent. Two
 * installers of one pack take turns.
 */
public final class GpuPackInstaller {

	/** The file that marks a complete pack, written last. */
	static final String MARKER = "gpu-pack.txt";

	private final GpuPack pack;
	private final Path root;
	private final URI repository;
	private final ModelDownload download;

	public GpuPackInstaller(final GpuPack pack, final Path root) {
		this(pack, root, GpuPack.MAVEN_CENTRAL, DownloadSettings.defaults());
	}

	/** With another repository (a mirror, or a test server) and download settings. */
	public GpuPackInstaller(final GpuPack pack, final Path root, final URI repository, final DownloadSettings settings) {
		this.pack = pack;
		this.root = root;
		this.repository = repository;
		this.download = new ModelDownload(settings);
	}

	public GpuPack pack() {
		return pack;
	}

	/** Where the pack is, once installed. */
	public Path folder() {
		return pack.folder(root);
	}

	/** A quick look: the marker and every file at its size (the SHA-256s are {@link #verify}'s). */
	public GpuPackStatus status() {
		return check(false);
	}

	/** Every file's SHA-256 against the pin: slow (the pack is large), for a repair or a doubt. */
	public GpuPackStatus verify() {
		return check(true);
	}

	private GpuPackStatus check(final boolean hashes) {
		final Path folder = folder();
		if (!Files.isRegularFile(folder.resolve(MARKER))) {
			return new GpuPackStatus(GpuPackStatus.State.MISSING, List.of());
		}
		final List<String> problems = new ArrayList<>();
		for (final GpuPackFile f : pack.files()) {
			final Path p = folder.resolve(f.name());
			try {
				if (!Files.isRegularFile(p)) problems.add(f.name() + " is missing");
				else if (Files.size(p) != f.bytes()) problems.add(f.name() + " has " + Files.size(p) + " bytes, not " + f
					.bytes());
				else if (hashes && !Sha256.of(p).equals(f.sha256())) problems.add(f.name() + " is damaged (its SHA-256 " +
					"differs)");
			}
			catch (final IOException e) {
				problems.add(f.name() + " cannot be read: " + DownloadMessages.reason(e));
			}
		}
		return new GpuPackStatus(problems.isEmpty() ? GpuPackStatus.State.INSTALLED : GpuPackStatus.State.DAMAGED,
			problems);
	}

	/**
	 * Downloads what the staging folder does not hold yet, checks it and moves the pack into place; a pack
	 * installed and whole is kept. Cancelling keeps what was fetched for the next call.
	 */
	public void install(final DownloadListener listener, final BooleanSupplier cancelled) throws DownloadException {
		gather(listener, cancelled, (file, staging, progress) -> new ZipEntryFetch(download).fetch(file.jar(repository),
			file, staging, progress, cancelled));
	}

	/**
	 * Installs the pack from files the user has: folders holding the pack's files by name, or the jars they come
	 * in (by their Maven file names); a file found in none is named, with its jar, and nothing is moved into place.
	 */
	public void installFrom(final List<Path> sources, final DownloadListener listener, final BooleanSupplier cancelled)
		throws DownloadException
	{
		for (final Path s : sources) {
			if (!Files.exists(s)) throw new DownloadException(DownloadMessages.noSuchFile(s));
		}
		final List<String> missing = new ArrayList<>();
		for (final GpuPackFile f : pack.files()) {
			if (source(sources, f) == null) missing.add(f.name() + " (in " + f.jarName() + ")");
		}
		if (!missing.isEmpty()) {
			throw new DownloadException("These files of the GPU pack are in none of " + sources + ": " + String.join(
				", ", missing) + ". Add the folders or jars that hold them, or install without --from to download them.");
		}
		final ZipEntryFetch copy = new ZipEntryFetch(download);
		gather(listener, cancelled, (file, staging, progress) -> {
			final Path from = source(sources, file);
			if (Files.isDirectory(from)) copy.copyFile(from.resolve(file.name()), file, staging);
			else copy.copyFromJar(from, file, staging);
		});
	}

	/** The folder holding the file by name, or the jar it comes in; null when no source has it. */
	private static Path source(final List<Path> sources, final GpuPackFile f) {
		for (final Path s : sources) {
			if (Files.isDirectory(s) && Files.isRegularFile(s.resolve(f.name()))) return s;
			if (Files.isDirectory(s) && Files.isRegularFile(s.resolve(f.jarName()))) return s.resolve(f.jarName());
			if (Files.isRegularFile(s) && s.getFileName().toString().equals(f.jarName())) return s;
		}
		return null;
	}

	private interface Step {
		void put(GpuPackFile file, Path staging, DownloadListener progress) throws DownloadException;
	}

	private void gather(final DownloadListener listener, final BooleanSupplier cancelled, final Step step)
		throws DownloadException
	{
		final Path lockFile = root.resolve(pack.id() + ".lock");
		try {
			Files.createDirectories(root);
		}
		catch (final IOException e) {
			throw new DownloadException("The GPU pack folder " + root + " cannot be made: " + DownloadMessages.reason(e) +
				". Set SAM2_TRACKER_GPU to a folder you can write to.", e);
		}
		final CancelCheck cancel = new CancelCheck(cancelled, () -> "Stopped; what was fetched of the GPU pack is " +
			"kept, and the next install goes on from there.");
		try (InstallLock lock = InstallLock.acquire(lockFile, () -> listener.message("Waiting for another install of " +
			"the GPU pack to finish…"), cancel))
		{
			if (status().installed()) {
				listener.message("The GPU pack is installed already in " + folder() + ".");
				return;
			}
			final Path staging = root.resolve(pack.id() + ".staging");
			// A damaged pack is repaired: its intact files are kept, only the others are fetched.
			if (Files.isDirectory(folder()) && !Files.exists(staging)) {
				Files.move(folder(), staging, StandardCopyOption.ATOMIC_MOVE);
				Files.deleteIfExists(staging.resolve(MARKER));
			}
			Files.createDirectories(staging);
			final long total = pack.downloadBytes();
			long base = 0;
			for (final GpuPackFile f : pack.files()) {
				cancel.check();
				listener.message("GPU pack file " + f.order() + " of " + pack.files().size() + ": " + f.describe());
				final long before = base;
				step.put(f, staging, new DownloadListener() {

					@Override
					public void progress(final long done, final long all) {
						listener.progress(before + Math.min(done, f.compressedBytes()), total);
					}

					@Override
					public void message(final String line) {
						listener.message(line);
					}
				});
				base += f.compressedBytes();
				listener.progress(base, total);
			}
			AtomicFiles.write(staging.resolve(MARKER), temp -> Files.writeString(temp, marker(), StandardCharsets.UTF_8));
			final Path folder = folder();
			if (Files.exists(folder)) AtomicFolders.deleteTree(folder);
			Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
			listener.message("Installed the GPU pack (" + Sizes.of(pack.bytes()) + ") in " + folder + ".");
		}
		catch (final IOException e) {
			throw new DownloadException("The GPU pack cannot be installed in " + root + ": " + DownloadMessages.reason(e) +
				".", e);
		}
	}

	private String marker() {
		final StringBuilder out = new StringBuilder("# SAM 2 Tracker GPU pack " + pack.id() + "\n");
		for (final GpuPackFile f : pack.files()) out.append(f.name()).append('\t').append(f.sha256()).append('\n');
		return out.toString();
	}

	/** Removes the installed pack and any staging left behind. */
	public void remove() throws IOException {
		AtomicFolders.deleteTree(folder());
		AtomicFolders.deleteTree(root.resolve(pack.id() + ".staging"));
	}
}
