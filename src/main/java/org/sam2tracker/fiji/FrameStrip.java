package org.sam2tracker.fiji;

import java.awt.Canvas;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * One cell per frame of the session, left to right: the upper half lit where the frame is ready for clicks (its
 * image features are encoded), the lower half where it has masks; the current frame outlined. A click on a cell
 * goes to that frame. Repainted from a timer while the panel is open, reading only what other threads may read.
 */
final class FrameStrip extends Canvas {

	private static final long serialVersionUID = 1L;
	private static final Color READY = new Color(0x4caf50);
	private static final Color MASKS = new Color(0x2196f3);
	private static final Color EMPTY = new Color(0xe0e0e0);

	private final int first;
	private final int last;
	private final IntPredicate ready;
	private final IntPredicate masks;
	private final IntSupplier current;

	/** Positions are 1-based, {@code first} to {@code last}; {@code go} is told a clicked position. */
	FrameStrip(final int first, final int last, final IntPredicate ready, final IntPredicate masks,
		final IntSupplier current, final IntConsumer go)
	{
		this.first = first;
		this.last = last;
		this.ready = ready;
		this.masks = masks;
		this.current = current;
		setPreferredSize(new Dimension(300, 18));
		addMouseListener(new MouseAdapter() {

			@Override
			public void mouseClicked(final MouseEvent e) {
				go.accept(positionAt(e.getX()));
			}
		});
	}

	int positionAt(final int x) {
		final int n = last - first + 1;
		return first + Math.max(0, Math.min(n - 1, (int) ((long) x * n / Math.max(1, getWidth()))));
	}

	@Override
	public void update(final Graphics g) {
		paint(g); // no clearing first: no flicker
	}

	@Override
	public void paint(final Graphics g) {
		final int n = last - first + 1;
		final int w = getWidth();
		final int h = getHeight();
		for (int i = 0; i < n; i++) {
			final int x0 = (int) ((long) i * w / n);
			final int x1 = (int) ((long) (i + 1) * w / n);
			final int position = first + i;
			g.setColor(ready.test(position) ? READY : EMPTY);
			g.fillRect(x0, 0, x1 - x0, h / 2);
			g.setColor(masks.test(position) ? MASKS : EMPTY);
			g.fillRect(x0, h / 2, x1 - x0, h - h / 2);
			if (position == current.getAsInt()) {
				g.setColor(Color.BLACK);
				g.drawRect(x0, 0, Math.max(1, x1 - x0 - 1), h - 1);
			}
		}
	}
}
