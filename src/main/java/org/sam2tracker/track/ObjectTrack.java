package org.sam2tracker.track;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object of an interactive session: its own tracking session, its prompts and corrections, and what is known
 * of each frame's output. Every output the session makes gets a version; a result records the versions of the
 * outputs it could read, so that it is known to be current exactly while they are unchanged, even after the
 * memory bound has dropped some of those outputs.
 */
final class ObjectTrack {

	/** How a frame's output was made. */
	enum Origin {
		/** A prompt on a frame the object had not been tracked on: a conditioning frame. */
		PROMPT,
		/** A prompt on a tracked frame: tracked from memory, with the prompt. */
		CORRECTION,
		FORWARD,
		BACKWARD
	}

	/** One frame's result, how it was made, and the versions of the outputs it read (its dependencies). */
	record Entry(ObjectResult result, Origin origin, long version, List<Long> read) {}

	final int id;
	final TrackingSession session;
	/** When the object was first prompted, for its place among the objects. */
	final long created;
	/**
	 * Prompts on conditioning frames (exactly the frames of {@link Origin#PROMPT} entries) and corrections on
	 * tracked frames, as last given.
	 */
	final TreeMap<Integer, Prompt> prompts = new TreeMap<>();
	final TreeMap<Integer, Prompt> corrections = new TreeMap<>();
	/** Every frame's latest result, current or not. */
	final TreeMap<Integer, Entry> entries = new TreeMap<>();

	ObjectTrack(final int id, final TrackingSession session, final long created) {
		this.id = id;
		this.session = session;
		this.created = created;
	}

	boolean isConditioning(final int frame) {
		return prompts.containsKey(frame);
	}

	/** The earliest conditioning frame (-1 before any): forward propagation runs after it, backward before it. */
	int firstPrompt() {
		return prompts.isEmpty() ? -1 : prompts.firstKey();
	}

	/** Everything needed to put the object back as it is now. */
	Snapshot snapshot() {
		return new Snapshot(id, created, session.saveState(id), new TreeMap<>(prompts), new TreeMap<>(corrections),
			new TreeMap<>(entries));
	}

	void restore(final Snapshot s) {
		session.restore(s.state);
		prompts.clear();
		prompts.putAll(s.prompts);
		corrections.clear();
		corrections.putAll(s.corrections);
		entries.clear();
		entries.putAll(s.entries);
	}

	/** An object's whole state at one moment; kept outputs are shared with the live state, not copied. */
	record Snapshot(int id, long created, TrackedObject state, Map<Integer, Prompt> prompts, Map<Integer, Prompt> corrections,
		Map<Integer, Entry> entries)
	{

		Snapshot {
			prompts = new HashMap<>(prompts);
			corrections = new HashMap<>(corrections);
			entries = new HashMap<>(entries);
		}

		/** An object that does not exist (before its first prompt, or deleted). */
		static Snapshot absent(final int id) {
			return new Snapshot(id, 0, new TrackedObject(id), Map.of(), Map.of(), Map.of());
		}
	}
}
