package org.sam2tracker.install;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;

import org.sam2tracker.model.ModelRegistry;
import org.sam2tracker.files.FileProblems;

/**
 * The sentences an install ends or pauses with, in one place so that they read alike: what went wrong, and what
 * the user can do about it.
 */
final class DownloadMessages {

	private static final String FROM_A_FILE = "download the file yourself and install it from the file.";
	private static final String A_FOLDER = "a folder you can write to, e.g. with -D" +
		ModelRegistry.PROPERTY + "=/path or the " + ModelRegistry.ENVIRONMENT + " environment variable.";

	/** What follows a mismatch of a download. */
	static final String DOWNLOAD_REMOVED = "It was removed; try again. If it keeps happening, the file on the " +
		"server has changed.";

	/** What follows a mismatch the server declared before sending the file. */
	static final String SERVER_CHANGED = "Nothing was installed; try again later. If it keeps happening, the file " +
		"on the server has changed; update the plugin, or " + FROM_A_FILE;

	private DownloadMessages() {}

	static String cannotWrite(final Path folder, final String reason) {
		return "Cannot write to the model folder " + folder + ": " + reason + ". Choose " + A_FOLDER;
	}

	static String writeFailed(final Path folder, final String reason) {
		return "Cannot write to the model folder " + folder + ": " + reason + ". Free some space, or choose " +
			A_FOLDER;
	}

	static String notEnoughSpace(final Path folder, final long needed, final long free) {
		return "Not enough free disk space in " + folder + ": the model needs " + Sizes.of(needed) + " more, " +
			Sizes.of(free) + " are free. Free some space or choose another model folder.";
	}

	static String notFound(final URI source, final int status) {
		return "The model file was not found at " + source + " (HTTP " + status + "). The catalog may point to a " +
			"moved file; update the plugin, or " + FROM_A_FILE;
	}

	static String accessRefused(final URI source, final int status) {
		return "The server refused access to " + source + " (HTTP " + status + "). The file may have been made " +
			"private or may need a login; update the plugin, or " + FROM_A_FILE;
	}

	static String proxyLogin(final URI source) {
		return "The proxy server asks for a login to reach " + source + " (HTTP 407), which the plugin cannot give. " +
			"Ask for a proxy without login, or " + FROM_A_FILE;
	}

	static String unexpectedStatus(final URI source, final int status) {
		return "The server answered HTTP " + status + " for " + source + ". Update the plugin, or " + FROM_A_FILE;
	}

	static String notWeb(final URI source) {
		return "The model address " + source + " is not a web address (http or https). Update the plugin, or " +
			FROM_A_FILE;
	}

	static String tooManyRedirects(final URI source, final int hops) {
		return "The server sent the download of " + source + " through more than " + hops + " redirects. Try " +
			"again later, or " + FROM_A_FILE;
	}

	static String badRedirect(final URI source, final String location) {
		return "The server redirected the download of " + source + " to " + location + ", which is not a secure " +
			"web address, so it was not followed. Try again later, or " + FROM_A_FILE;
	}

	static String unreachable(final String host, final String reason) {
		return "Cannot reach " + host + ": " + reason + ". Check the internet connection or the proxy settings " +
			"(-Dhttps.proxyHost=... -Dhttps.proxyPort=...), or install from a file you downloaded elsewhere.";
	}

	static String unknownHost(final String host) {
		return "Cannot reach " + host + ": the name " + host + " is unknown, so this computer is offline or cannot " +
			"reach a name server. Check the internet connection or the proxy settings (-Dhttps.proxyHost=... " +
			"-Dhttps.proxyPort=...), or install from a file you downloaded elsewhere.";
	}

	static String notSecure(final String host, final String reason) {
		return "Cannot make a secure connection to " + host + ": " + reason + ". A network that inspects secure " +
			"connections needs its certificate in Java's trust store (ask your IT department), or install from a " +
			"file you downloaded elsewhere.";
	}

	static String serverTrouble(final String host, final int status, final int attempts) {
		return "The server " + host + " had a problem (HTTP " + status + ") on " + attempts(attempts) +
			". Try again later, or " + FROM_A_FILE;
	}

	static String brokeOff(final String name, final String host, final String reason, final int attempts,
		final long kept)
	{
		return "The download of " + name + " from " + host + " broke off on " + attempts(attempts) + " (" + reason +
			")." + kept(kept) + " Check the internet connection, or install from a file you downloaded elsewhere.";
	}

	static String wrongHash(final String what, final String got, final String expected, final String after) {
		return what + " is not the expected one: SHA-256 " + got + ", expected " + expected + ". " + after;
	}

	static String wrongSize(final String what, final long got, final long expected, final String after) {
		return what + " is not the expected one: " + bytes(got) + ", expected " + bytes(expected) + ". " + after;
	}

	static String notTheFile(final DownloadRequest request) {
		return "Nothing was installed; choose the file " + request.name() + " downloaded from " + request.source() +
			".";
	}

	static String cancelled(final String name, final long kept) {
		return "The download of " + name + " was cancelled." + kept(kept);
	}

	static String copyCancelled(final String name) {
		return "The copy of " + name + " was cancelled; nothing was installed.";
	}

	static String cannotRead(final Path file, final String reason) {
		return "Cannot read the file " + file + ": " + reason + ". Choose a model file you can read.";
	}

	static String noSuchFile(final Path file) {
		return "The file " + file + " does not exist. Choose the model file you downloaded.";
	}

	static String resuming(final String name, final long offset, final long total) {
		return "Continuing the download of " + name + " from " + Sizes.of(offset) + (total >= 0 ? " of " + Sizes.of(total) :
			"") + ".";
	}


	/** Why an I/O operation failed, in words; the exception's own message says too little or too much. */
	static String reason(final Throwable e) {
		if (e instanceof UnknownHostException) return "the name " + e.getMessage() + " is unknown";
		if (e instanceof SocketTimeoutException) return "no answer in time";
		return FileProblems.reason(e);
	}

	private static String bytes(final long bytes) {
		return String.format(Locale.ROOT, "%,d bytes", bytes);
	}

	private static String kept(final long bytes) {
		return bytes <= 0 ? "" : " The " + Sizes.of(bytes) + " received so far are kept, and the next download " +
			"continues from there.";
	}

	private static String attempts(final int n) {
		return n == 1 ? "the only attempt" : n + " attempts in a row";
	}

	static String duration(final long millis) {
		return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.0f s", millis / 1000.0);
	}

	static String noRanges(final URI source) {
		return "The server of " + source + " sent the whole file where only a part of it was asked for; the part " +
			"cannot be read from it. Try again later, or install from files you have (--from).";
	}
}
