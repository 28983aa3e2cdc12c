package org.sam2tracker.run;

/** Where prompts are taken from. */
public enum PromptSource {

	/** The ROI Manager when it has entries, the image's overlay and selection otherwise. */
	AUTO("auto"),
	ROI_MANAGER("manager"),
	/** The image's overlay and its selection. */
	IMAGE("image");

	private final String key;

	PromptSource(final String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}
}
