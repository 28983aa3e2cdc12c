package org.sam2tracker.run;

/**
 * The positions a run covers along the tracked axis, 1-based and inclusive, as ImageJ counts frames (or slices
 * of a z-stack). Worked out once per run, from what the user asked for and the image's length.
 */
public record FrameRange(int first, int last) {

	public FrameRange {
		if (first < 1 || last < first) throw new IllegalArgumentException("no range " + first + "-" + last);
	}

	/**
	 * The range asked for, where 0 stands for the first or the last position.
	 *
	 * @param axisName "frame" or "slice", for the message
	 * @throws BadInputException naming the range and the image's length when it does not fit
	 */
	public static FrameRange of(final int requestedFirst, final int requestedLast, final int length,
		final String axisName) throws BadInputException
	{
		final int first = requestedFirst <= 0 ? 1 : requestedFirst;
		final int last = requestedLast <= 0 ? length : requestedLast;
		if (first > last || last > length) {
			throw new BadInputException("The " + axisName + " range " + first + "-" + last + " does not fit the image, " +
				"which has " + length + " " + axisName + (length == 1 ? "" : "s") + ".");
		}
		return new FrameRange(first, last);
	}

	public boolean contains(final int position) {
		return position >= first && position <= last;
	}

	public int length() {
		return last - first + 1;
	}

	@Override
	public String toString() {
		return first + "-" + last;
	}
}
