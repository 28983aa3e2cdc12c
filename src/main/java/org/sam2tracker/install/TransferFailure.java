package org.sam2tracker.install;

import javax.net.ssl.SSLException;

/**
 * A failure that may pass on another attempt: the server could not be reached, the connection broke off or
 * stalled, or the server had a passing problem (HTTP 5xx, 408, 429). It knows what to tell the user once the
 * attempts run out.
 */
final class TransferFailure extends Exception {

	private static final long serialVersionUID = 1L;

	enum Kind {
		/** No answer came: no connection, an unknown name, a proxy that would not connect. */
		UNREACHABLE,
		/** The answer stopped before the end of the file. */
		BROKEN,
		/** The server answered with an error that usually passes. */
		SERVER
	}

	private final Kind kind;
	private final String host;
	private final int status;

	private TransferFailure(final Kind kind, final String host, final String reason, final int status,
		final Throwable cause)
	{
		super(reason, cause);
		this.kind = kind;
		this.host = host;
		this.status = status;
	}

	static TransferFailure unreachable(final String host, final Throwable cause) {
		return new TransferFailure(Kind.UNREACHABLE, host, DownloadMessages.reason(cause), 0, cause);
	}

	static TransferFailure broken(final String host, final String reason, final Throwable cause) {
		return new TransferFailure(Kind.BROKEN, host, reason, 0, cause);
	}

	static TransferFailure server(final String host, final int status) {
		return new TransferFailure(Kind.SERVER, host, "HTTP " + status + " from " + host, status, null);
	}

	/** What the user reads while waiting for the next attempt. */
	String retrying(final long pauseMillis) {
		final String again = "; trying again in " + DownloadMessages.duration(pauseMillis) + ".";
		return switch (kind) {
			case UNREACHABLE -> "Cannot reach " + host + " (" + getMessage() + ")" + again;
			case SERVER -> "The server " + host + " had a problem (HTTP " + status + ")" + again;
			case BROKEN -> "The download broke off (" + getMessage() + ")" + again;
		};
	}

	/** The final message after {@code attempts} failures in a row, {@code kept} bytes being in the .part file. */
	DownloadException giveUp(final String name, final int attempts, final long kept) {
		final String message = switch (kind) {
			case UNREACHABLE -> getCause() instanceof SSLException ? DownloadMessages.notSecure(host, getMessage())
				: DownloadMessages.unreachable(host, getMessage());
			case SERVER -> DownloadMessages.serverTrouble(host, status, attempts);
			case BROKEN -> DownloadMessages.brokeOff(name, host, getMessage(), attempts, kept);
		};
		return new DownloadException(message, this);
	}
}
