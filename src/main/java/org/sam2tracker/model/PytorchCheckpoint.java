package org.sam2tracker.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A PyTorch checkpoint as torch.save writes it, and as Meta publishes SAM 2.1 ({@code sam2.1_hiera_tiny.pt}):
 * a zip holding a pickle ({@code data.pkl}) that describes the tensors, and one file of raw little-endian values
 * per storage ({@code data/0}, ...). The pickle is read by {@link RestrictedUnpickler}, which runs nothing; each
 * tensor must be a contiguous view of its storage. Meta's files hold the state dict under "model"; a plain state
 * dict is read too.
 */
public final class PytorchCheckpoint implements AutoCloseable {

	/** One tensor: its dtype (F32, F16, BF16), shape, and where its values start in its storage. */
	public record Tensor(String name, String dtype, long[] shape, String storage, long offset) {

		public long elements() {
			long n = 1;
			for (final long d : shape) n *= d;
			return n;
		}
	}

	private final Path file;
	private final ZipFile zip;
	private final String prefix;
	private final Map<String, Tensor> tensors;

	private PytorchCheckpoint(final Path file, final ZipFile zip, final String prefix, final Map<String, Tensor> tensors) {
		this.file = file;
		this.zip = zip;
		this.prefix = prefix;
		this.tensors = tensors;
	}

	public static PytorchCheckpoint open(final Path file) throws BundleException {
		ZipFile zip = null;
		try {
			zip = new ZipFile(file.toFile());
			final ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("/data.pkl") && e.getName().indexOf(
				'/') == e.getName().length() - "/data.pkl".length()).findFirst().orElseThrow(() -> new BundleException(
					"The checkpoint " + file + " is no PyTorch checkpoint: it holds no data.pkl."));
			final String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
			final byte[] bytes;
			try (InputStream in = zip.getInputStream(pickle)) {
				bytes = in.readAllBytes();
			}
			final Map<String, Tensor> tensors = tensors(file, RestrictedUnpickler.load(bytes, file.toString()));
			return new PytorchCheckpoint(file, zip, prefix, tensors);
		}
		catch (final ZipException e) {
			close(zip);
			throw RestrictedUnpickler.damaged(file.toString(), "it is not a complete zip (" + e.getMessage() + "); a file " +
				"cut short while copying looks like this: download it again");
		}
		catch (final IOException e) {
			close(zip);
			throw new BundleException("Cannot read the checkpoint " + file + ": " + e.getMessage(), e);
		}
		catch (final BundleException | RuntimeException e) {
			close(zip);
			throw e;
		}
	}

	/** The state dict's tensors: Meta's checkpoints hold it under "model". */
	private static Map<String, Tensor> tensors(final Path file, final Object root) throws BundleException {
		Object dict = root;
		if (dict instanceof Map<?, ?> m && m.get("model") instanceof Map<?, ?> model) dict = model;
		if (!(dict instanceof Map<?, ?> state)) {
			throw RestrictedUnpickler.damaged(file.toString(), "it holds no state dict of tensors");
		}
		final Map<String, Tensor> tensors = new LinkedHashMap<>();
		for (final Map.Entry<?, ?> e : state.entrySet()) {
			if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof RestrictedUnpickler.Tensor t)) continue;
			checkLayout(file, name, t);
			tensors.put(name, new Tensor(name, t.storage().dtype(), t.size(), t.storage().key(), t.offset()));
		}
		return tensors;
	}

	/** A tensor must be a contiguous run of its storage, inside it: anything else is damage or not weights. */
	private static void checkLayout(final Path file, final String name, final RestrictedUnpickler.Tensor t)
		throws BundleException
	{
		long expected = 1;
		for (int i = t.size().length - 1; i >= 0; i--) {
			if (t.size()[i] < 0) throw RestrictedUnpickler.damaged(file.toString(), "the tensor '" + name + "' has " +
				"a negative size");
			if (t.size()[i] != 1 && t.stride()[i] != expected) {
				throw RestrictedUnpickler.damaged(file.toString(), "the tensor '" + name + "' is stored with strides " +
					Arrays.toString(t.stride()) + " for the shape " + Arrays.toString(t.size()) + ", not as one " +
					"contiguous block; save it with .contiguous()");
			}
			expected *= t.size()[i];
		}
		if (t.offset() < 0 || t.offset() + expected > t.storage().elements()) {
			throw RestrictedUnpickler.damaged(file.toString(), "the tensor '" + name + "' reaches past its storage " +
				"(elements " + t.offset() + " to " + (t.offset() + expected) + " of " + t.storage().elements() + ")");
		}
	}

	public Map<String, Tensor> tensors() {
		return Collections.unmodifiableMap(tensors);
	}

	/** A tensor as floats (F16 and BF16 converted), after checking that it has the shape the caller needs. */
	public float[] floats(final String name, final long[] shape) throws BundleException {
		final Tensor t = tensors.get(name);
		if (t == null) throw new BundleException("The checkpoint " + file.getFileName() + " has no tensor '" + name +
			"'. It is not a checkpoint of this model.");
		if (!Arrays.equals(t.shape(), shape)) {
			throw new BundleException("The tensor '" + name + "' in " + file.getFileName() + " has the shape " + Arrays
				.toString(t.shape()) + "; this model needs " + Arrays.toString(shape) + ". The checkpoint is of " +
				"another model size.");
		}
		final int width = t.dtype().equals("F32") ? 4 : 2;
		final ZipEntry entry = zip.getEntry(prefix + "data/" + t.storage());
		if (entry == null) throw RestrictedUnpickler.damaged(file.toString(), "the storage of '" + name + "' is missing");
		final byte[] values = new byte[Math.toIntExact(t.elements() * width)];
		try (InputStream in = zip.getInputStream(entry)) {
			in.skipNBytes(t.offset() * width);
			if (in.readNBytes(values, 0, values.length) != values.length) {
				throw RestrictedUnpickler.damaged(file.toString(), "the storage of '" + name + "' is cut short");
			}
		}
		catch (final IOException e) {
			throw new BundleException("Cannot read the tensor '" + name + "' from " + file + ": " + e.getMessage(), e);
		}
		final ByteBuffer b = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
		final float[] out = new float[(int) t.elements()];
		for (int i = 0; i < out.length; i++) {
			out[i] = switch (t.dtype()) {
				case "F32" -> b.getFloat();
				case "F16" -> SafetensorsFile.halfToFloat(b.getShort());
				default -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
			};
		}
		return out;
	}

	@Override
	public void close() {
		close(zip);
	}

	private static void close(final ZipFile zip) {
		if (zip == null) return;
		try {
			zip.close();
		}
		catch (final IOException e) {
			// Closing a file opened to read loses nothing.
		}
	}
}
