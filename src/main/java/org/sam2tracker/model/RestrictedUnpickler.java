package org.sam2tracker.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the pickle of a PyTorch checkpoint without running any of it. A pickle is a small program; an ordinary
 * unpickler calls whatever function it names. This one builds only dicts, lists, tuples, numbers and strings, and
 * knows three things by name: {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} (a tensor:
 * storage, offset, size, stride) and the float storage types. A pickle that names anything else is refused, and
 * nothing of it runs.
 */
final class RestrictedUnpickler {

	/** A storage of a checkpoint: its key (the file data/KEY in the zip), dtype and length in elements. */
	record Storage(String key, String dtype, long elements) {}

	/** A tensor: a view of a storage from an element offset, with its size and stride. */
	record Tensor(Storage storage, long offset, long[] size, long[] stride) {}

	/** A global the pickle names, kept as a name: calling it is what REDUCE decides. */
	private record Global(String module, String name) {

		/** Python 3's name: pickles of protocol 2 write builtins as __builtin__. */
		String qualified() {
			return (module.equals("__builtin__") ? "builtins" : module) + "." + name;
		}
	}

	private static final Map<String, String> STORAGES = Map.of("FloatStorage", "F32", "HalfStorage", "F16",
		"BFloat16Storage", "BF16");
	private static final Set<String> GLOBALS = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
		"torch.FloatStorage", "torch.HalfStorage", "torch.BFloat16Storage");
	private static final Object MARK = new Object();

	private final ByteBuffer in;
	private final String where;
	private final List<Object> stack = new ArrayList<>();
	private final Map<Long, Object> memo = new HashMap<>();

	private RestrictedUnpickler(final byte[] pickle, final String where) {
		this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
		this.where = where;
	}

	/** The object the pickle describes; {@code where} names the checkpoint in messages. */
	static Object load(final byte[] pickle, final String where) throws BundleException {
		try {
			return new RestrictedUnpickler(pickle, where).run();
		}
		catch (final java.nio.BufferUnderflowException | IndexOutOfBoundsException | ClassCastException e) {
			throw damaged(where, "its pickle is cut short or malformed");
		}
	}

	private Object run() throws BundleException {
		while (true) {
			final int op = in.get() & 0xff;
			switch (op) {
				case 0x80 -> in.get(); // PROTO
				case 0x95 -> in.getLong(); // FRAME: a length hint
				case '.' -> { // STOP
					return pop();
				}
				case '}' -> push(new LinkedHashMap<Object, Object>());
				case ']' -> push(new ArrayList<Object>());
				case ')' -> push(List.of());
				case '(' -> push(MARK);
				case 't' -> push(List.copyOf(popToMark()));
				case 0x85 -> push(List.of(pop()));
				case 0x86 -> {
					final Object b = pop();
					push(List.of(pop(), b));
				}
				case 0x87 -> {
					final Object c = pop();
					final Object b = pop();
					push(List.of(pop(), b, c));
				}
				case 'q' -> memo.put((long) (in.get() & 0xff), top());
				case 'r' -> memo.put(in.getInt() & 0xffffffffL, top());
				case 0x94 -> memo.put((long) memo.size(), top());
				case 'h' -> push(memo(in.get() & 0xff));
				case 'j' -> push(memo(in.getInt() & 0xffffffffL));
				case 'X' -> push(string(in.getInt()));
				case 0x8c -> push(string(in.get() & 0xff));
				case 'J' -> push((long) in.getInt());
				case 'K' -> push((long) (in.get() & 0xff));
				case 'M' -> push((long) (in.getShort() & 0xffff));
				case 0x8a -> push(long1());
				case 'G' -> { // BINFLOAT: 8 bytes, big-endian
					push(in.duplicate().order(ByteOrder.BIG_ENDIAN).getDouble(in.position()));
					in.position(in.position() + 8);
				}
				case 'N' -> push(null);
				case 0x88 -> push(Boolean.TRUE);
				case 0x89 -> push(Boolean.FALSE);
				case 'c' -> push(global(line(), line()));
				case 0x93 -> {
					final Object name = pop();
					push(global((String) pop(), (String) name));
				}
				case 'R' -> {
					final List<?> args = (List<?>) pop();
					push(reduce(pop(), args));
				}
				case 'Q' -> push(persistent((List<?>) pop()));
				case 's' -> {
					final Object value = pop();
					final Object key = pop();
					dict(top()).put(key, value);
				}
				case 'u' -> {
					final List<Object> items = popToMark();
					final Map<Object, Object> dict = dict(top());
					for (int i = 0; i + 1 < items.size(); i += 2) dict.put(items.get(i), items.get(i + 1));
				}
				case 'a' -> {
					final Object value = pop();
					list(top()).add(value);
				}
				case 'e' -> {
					final List<Object> items = popToMark();
					list(top()).addAll(items);
				}
				case 'b' -> {
					// State set on a dict (an OrderedDict's _metadata): nothing a checkpoint's weights need.
					pop();
					dict(top());
				}
				default -> throw damaged(where, "its pickle holds the instruction 0x" + Integer.toHexString(op) +
					", which a checkpoint of weights never needs");
			}
		}
	}

	private Global global(final String module, final String name) throws BundleException {
		final Global g = new Global(module, name);
		if (!GLOBALS.contains(g.qualified())) {
			throw new BundleException("The checkpoint " + where + " asks to run " + g.qualified() + ", which a " +
				"checkpoint of weights never needs. It was refused, and nothing in it was run: use the model's " +
				"official file.");
		}
		return g;
	}

	private Object reduce(final Object callable, final List<?> args) throws BundleException {
		final String name = callable instanceof Global g ? g.qualified() : String.valueOf(callable);
		if (name.equals("collections.OrderedDict") && args.isEmpty()) return new LinkedHashMap<Object, Object>();
		if (name.equals("torch._utils._rebuild_tensor_v2") && args.size() >= 4 && args.get(0) instanceof Storage s) {
			return new Tensor(s, (Long) args.get(1), longs(args.get(2)), longs(args.get(3)));
		}
		throw damaged(where, "its pickle calls " + name + " in a way a checkpoint of weights never does");
	}

	/** A persistent id ('storage', torch.FloatStorage, key, location, elements): where a storage's bytes are. */
	private Storage persistent(final List<?> id) throws BundleException {
		if (id.size() < 5 || !"storage".equals(id.get(0)) || !(id.get(1) instanceof Global type) || !STORAGES
			.containsKey(type.name()))
		{
			throw damaged(where, "it refers to data that is not a float storage (" + id + ")");
		}
		return new Storage((String) id.get(2), STORAGES.get(type.name()), (Long) id.get(4));
	}

	private static long[] longs(final Object tuple) {
		final List<?> values = (List<?>) tuple;
		final long[] out = new long[values.size()];
		for (int i = 0; i < out.length; i++) out[i] = (Long) values.get(i);
		return out;
	}

	private long long1() {
		final int n = in.get() & 0xff;
		long v = 0;
		for (int i = 0; i < n; i++) v |= (in.get() & 0xffL) << (8 * i);
		if (n > 0 && n < 8 && (v & (1L << (8 * n - 1))) != 0) v -= 1L << (8 * n); // two's complement
		return v;
	}

	private String string(final int length) {
		final byte[] b = new byte[length];
		in.get(b);
		return new String(b, StandardCharsets.UTF_8);
	}

	private String line() {
		final StringBuilder s = new StringBuilder();
		for (byte b = in.get(); b != '\n'; b = in.get()) s.append((char) b);
		return s.toString();
	}

	private Object memo(final long key) throws BundleException {
		if (!memo.containsKey(key)) throw damaged(where, "its pickle refers to an object it never made");
		return memo.get(key);
	}

	@SuppressWarnings("unchecked")
	private Map<Object, Object> dict(final Object o) throws BundleException {
		if (!(o instanceof Map)) throw damaged(where, "its pickle adds items to something that is not a dict");
		return (Map<Object, Object>) o;
	}

	@SuppressWarnings("unchecked")
	private List<Object> list(final Object o) throws BundleException {
		if (!(o instanceof ArrayList)) throw damaged(where, "its pickle appends to something that is not a list");
		return (List<Object>) o;
	}

	private void push(final Object o) {
		stack.add(o);
	}

	private Object pop() {
		return stack.remove(stack.size() - 1);
	}

	private Object top() {
		return stack.get(stack.size() - 1);
	}

	private List<Object> popToMark() throws BundleException {
		final int mark = stack.lastIndexOf(MARK);
		if (mark < 0) throw damaged(where, "its pickle closes a group it never opened");
		final List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
		stack.subList(mark, stack.size()).clear();
		return items;
	}

	static BundleException damaged(final String where, final String why) {
		return new BundleException("The checkpoint " + where + " cannot be read: " + why + ".");
	}
}
