package org.sam2tracker.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a 64-bit little-endian ELF shared library says of its links, read from its dynamic section and dynamic
 * symbol table: its SONAME, the libraries it needs, the symbols it defines and the ones it takes from others.
 */
public record ElfLibrary(String soname, List<String> needed, Set<String> defined, Set<String> undefined) {

	private static final int SHT_DYNSYM = 11;
	private static final int SHT_DYNAMIC = 6;
	private static final long DT_NEEDED = 1;
	private static final long DT_SONAME = 14;

	public static ElfLibrary read(final Path file) throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
			final ByteBuffer b = map.order(ByteOrder.LITTLE_ENDIAN);
			if (b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
				throw new IOException(file + " is not a 64-bit little-endian ELF file");
			}
			final long shoff = b.getLong(0x28);
			final int shentsize = b.getShort(0x3a) & 0xffff;
			final int shnum = b.getShort(0x3c) & 0xffff;
			String soname = null;
			final List<String> needed = new ArrayList<>();
			final Set<String> defined = new LinkedHashSet<>();
			final Set<String> undefined = new LinkedHashSet<>();
			for (int i = 0; i < shnum; i++) {
				final int sh = (int) (shoff + (long) i * shentsize);
				final int type = b.getInt(sh + 4);
				if (type != SHT_DYNSYM && type != SHT_DYNAMIC) continue;
				final long offset = b.getLong(sh + 0x18);
				final long size = b.getLong(sh + 0x20);
				final int link = b.getInt(sh + 0x28);
				final long entsize = b.getLong(sh + 0x38);
				final int strs = (int) (shoff + (long) link * shentsize);
				final long strOffset = b.getLong(strs + 0x18);
				for (long e = offset; e < offset + size; e += entsize) {
					if (type == SHT_DYNAMIC) {
						final long tag = b.getLong((int) e);
						final long value = b.getLong((int) e + 8);
						if (tag == DT_NEEDED) needed.add(string(b, strOffset + value));
						if (tag == DT_SONAME) soname = string(b, strOffset + value);
					}
					else {
						final int name = b.getInt((int) e);
						final int info = b.get((int) e + 4) & 0xff;
						final int shndx = b.getShort((int) e + 6) & 0xffff;
						final int bind = info >> 4;
						if (name == 0) continue;
						final String n = string(b, strOffset + name);
						if (shndx == 0) {
							if (bind != 2) undefined.add(n); // weak references may stay unresolved
						}
						else defined.add(n);
					}
				}
			}
			return new ElfLibrary(soname, needed, defined, undefined);
		}
	}

	private static String string(final ByteBuffer b, final long at) {
		int end = (int) at;
		while (b.get(end) != 0) end++;
		final byte[] bytes = new byte[end - (int) at];
		b.get((int) at, bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
