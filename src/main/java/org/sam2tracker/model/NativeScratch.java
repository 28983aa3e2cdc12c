package org.sam2tracker.model;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Native working arrays kept from call to call, one per role, grown when a call needs more. Fresh memory costs
 * the operating system a page fault per 4 KB on first touch, which for the memory attention's arrays of tens of
 * megabytes took as long as the products; kept arrays are bounded by the largest call (the memory frames and
 * pointers an object may have).
 */
final class NativeScratch implements AutoCloseable {

	private final Map<String, Pointer> arrays = new HashMap<>();

	/** A float array for {@code role} of at least {@code count} values; its contents are whatever was left. */
	FloatPointer floats(final String role, final long count) {
		return array(role, count, FloatPointer.class, FloatPointer::new);
	}

	/** A bfloat16 (16-bit) array for {@code role} of at least {@code count} values. */
	ShortPointer shorts(final String role, final long count) {
		return array(role, count, ShortPointer.class, ShortPointer::new);
	}

	private <P extends Pointer> P array(final String role, final long count, final Class<P> type,
		final LongFunction<P> make)
	{
		final Pointer held = arrays.get(role);
		if (type.isInstance(held) && held.capacity() >= count) return type.cast(held);
		if (held != null) held.close();
		final P made = make.apply(count);
		arrays.put(role, made);
		return made;
	}

	@Override
	public void close() {
		arrays.values().forEach(Pointer::close);
		arrays.clear();
	}
}
