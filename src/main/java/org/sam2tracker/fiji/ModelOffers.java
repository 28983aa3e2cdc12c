package org.sam2tracker.fiji;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sam2tracker.install.CatalogEntry;
import org.sam2tracker.install.ModelInstaller;
import org.sam2tracker.install.Sizes;

/**
 * The catalog models that are not installed yet, as items of the tracker dialog's model choice
 * ("sam2.1-hiera-tiny (not installed: 156 MB download)"), so that choosing one offers to install it.
 */
final class ModelOffers {

	private final ModelInstaller installer;
	private final Map<String, CatalogEntry> offers = new LinkedHashMap<>();

	ModelOffers(final ModelInstaller installer, final Collection<String> installed) {
		this.installer = installer;
		for (final CatalogEntry e : installer.catalog().entries()) {
			if (!installed.contains(e.name())) offers.put(e.name() + " (not installed: " + Sizes.of(e
				.plannedBytes()) + " download)", e);
		}
	}

	ModelInstaller installer() {
		return installer;
	}

	/** The installed items followed by the offers; without installed models, the offers alone. */
	List<String> items(final List<String> installedItems) {
		final List<String> items = new ArrayList<>(installedItems);
		if (!offers.isEmpty()) items.removeIf(TrackerDialog.NO_MODELS::equals);
		items.addAll(offers.keySet());
		return items;
	}

	/** The catalog model behind a chosen item, or null when the item is an installed model. */
	CatalogEntry offered(final String item) {
		return offers.get(item);
	}
}
