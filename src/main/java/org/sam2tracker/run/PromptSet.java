package org.sam2tracker.run;

import java.util.List;
import java.util.Optional;

/**
 * The prompts read for one input, and, when they come from a saved interactive session, what replays it: a
 * session runs as it ran in the panel, not as a batch of conditioning prompts. A seed stack's labels on later
 * positions come with them, for cells that appear.
 */
public record PromptSet(List<ObjectPrompt> prompts, Optional<SessionRecord> session, LaterSeeds laterSeeds) {

	public PromptSet {
		prompts = List.copyOf(prompts);
	}

	public PromptSet(final List<ObjectPrompt> prompts, final Optional<SessionRecord> session) {
		this(prompts, session, LaterSeeds.NONE);
	}

	/** Prompts of a batch run. */
	public static PromptSet of(final List<ObjectPrompt> prompts) {
		return new PromptSet(prompts, Optional.empty());
	}

	/** Whether the prompt is a correction of a saved session. */
	public boolean isCorrection(final ObjectPrompt p) {
		return session.map(s -> s.corrections().contains(p.key())).orElse(false);
	}
}
