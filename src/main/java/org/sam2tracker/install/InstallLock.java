package org.sam2tracker.install;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One installer of a file at a time. Two Fiji instances are kept apart by a file lock on {@code <target>.lock};
 * two threads of one JVM by a set of the lock files this JVM holds, since there a second file lock would not wait
 * but throw OverlappingFileLockException, and closing a second channel to the file could drop this process's
 * lock on systems with POSIX record locks.
 * <p>
 * The lock file is left behind, empty. Deleting it would be unsafe: a process still waiting on the old file and
 * one that creates a new file could then both believe they hold the lock.
 */
final class InstallLock implements AutoCloseable {

	private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
	private static final long POLL_MILLIS = 100;

	private final Path file;
	private final FileChannel channel;
	private final FileLock lock;

	private InstallLock(final Path file, final FileChannel channel, final FileLock lock) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Waits until this thread holds the lock, calling {@code onWait} once if it has to wait, and stopping with a
	 * CancellationException when the user cancels.
	 */
	static InstallLock acquire(final Path file, final Runnable onWait, final CancelCheck cancel) throws IOException {
		boolean waited = false;
		while (true) {
			cancel.check();
			final InstallLock lock = tryAcquire(file);
			if (lock != null) return lock;
			if (!waited) {
				onWait.run();
				waited = true;
			}
			cancel.sleep(POLL_MILLIS);
		}
	}

	private static InstallLock tryAcquire(final Path file) throws IOException {
		if (!HELD_HERE.add(file)) return null;
		FileChannel channel = null;
		boolean held = false;
		try {
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			final FileLock lock = channel.tryLock();
			if (lock == null) return null;
			held = true;
			return new InstallLock(file, channel, lock);
		}
		catch (final OverlappingFileLockException e) {
			// This JVM holds the lock under another spelling of the path: busy, like a lock of another process.
			return null;
		}
		finally {
			if (!held) {
				HELD_HERE.remove(file);
				if (channel != null) closeQuietly(channel);
			}
		}
	}

	@Override
	public void close() {
		try {
			lock.release();
		}
		catch (final IOException e) {
			// Closing the channel releases it as well.
		}
		finally {
			closeQuietly(channel);
			HELD_HERE.remove(file);
		}
	}

	private static void closeQuietly(final FileChannel channel) {
		try {
			channel.close();
		}
		catch (final IOException e) {
			// Nothing was written through it; the lock goes with the process at the latest.
		}
	}
}
