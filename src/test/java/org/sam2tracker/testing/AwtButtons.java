package org.sam2tracker.testing;

import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.event.ActionEvent;
import java.lang.reflect.InvocationTargetException;

/** Presses AWT buttons by their labels, on the event thread, as a click on them would. */
public final class AwtButtons {

	private AwtButtons() {}

	/** Presses the button labelled so in the window; fails when there is none. */
	public static void press(final Container window, final String label) throws InterruptedException,
		InvocationTargetException
	{
		final Button button = find(window, label);
		if (button == null) throw new IllegalStateException("No button " + label + " in " + window.getName());
		EventQueue.invokeAndWait(() -> button.getActionListeners()[0].actionPerformed(new ActionEvent(button,
			ActionEvent.ACTION_PERFORMED, label)));
	}

	private static Button find(final Container c, final String label) {
		for (final Component child : c.getComponents()) {
			if (child instanceof Button b && label.equals(b.getLabel())) return b;
			if (child instanceof Container inner) {
				final Button found = find(inner, label);
				if (found != null) return found;
			}
		}
		return null;
	}
}
