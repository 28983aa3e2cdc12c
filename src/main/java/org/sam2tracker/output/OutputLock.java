package org.sam2tracker.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.sam2tracker.files.FileProblems;
import org.sam2tracker.run.BadInputException;

/**
 * One run at a time writes the results of one input into one folder: a lock on a hidden file beside them, held
 * from before the tracking until the results are in place, across threads and processes. The lock file is removed
 * when the run ends, so the folder holds nothing but results.
 */
public final class OutputLock implements AutoCloseable {

	private final Path file;
	private final FileChannel channel;
	private final FileLock lock;

	private OutputLock(final Path file, final FileChannel channel, final FileLock lock) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
	}

	/** Takes the lock, or refuses at once naming the folder when another run holds it. */
	static OutputLock take(final Path folder, final String name) throws BadInputException {
		final Path file = folder.resolve("." + name + ".lock");
		for (int attempt = 0; attempt < 3; attempt++) {
			final FileChannel channel;
			try {
				channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			}
			catch (final IOException e) {
				throw new BadInputException("The results cannot be written into " + folder + ": " + FileProblems.reason(
					e) + ". Choose another output folder.", e);
			}
			try {
				final FileLock lock = channel.tryLock();
				if (lock == null) throw busy(folder, name, null);
				// A run that just ended removes its lock file before it lets go: a lock on a file no longer there
				// holds nothing, so take the one that is there now.
				if (Files.exists(file)) return new OutputLock(file, channel, lock);
				lock.release();
				channel.close();
			}
			catch (final OverlappingFileLockException e) {
				close(channel);
				throw busy(folder, name, e);
			}
			catch (final IOException e) {
				close(channel);
				throw new BadInputException("The results cannot be written into " + folder + ": " + FileProblems.reason(
					e) + ".", e);
			}
		}
		throw busy(folder, name, null);
	}

	private static BadInputException busy(final Path folder, final String name, final Throwable cause) {
		return new BadInputException("Another run is writing the results of " + name + " into " + folder + " right " +
			"now. Wait for it to finish, or give this run another output folder.", cause);
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(file);
			lock.release();
		}
		catch (final IOException e) {
			// The lock goes with the channel anyway; a leftover hidden lock file is harmless.
		}
		close(channel);
	}

	private static void close(final FileChannel channel) {
		try {
			channel.close();
		}
		catch (final IOException e) {
			// Closing releases the lock; nothing more to do.
		}
	}
}
