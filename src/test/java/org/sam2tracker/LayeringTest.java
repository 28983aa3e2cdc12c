package org.sam2tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layers of the project, checked on its main sources: each package imports only the packages below it, the
 * front ends import nothing of each other and nothing imports them, ImageJ, SciJava and picocli stay in the
 * layers that may use them, and every package has a rule here and a package-info.java. The sources are read as
 * text: {@code import} lines (static ones too) and fully-qualified names written in code; comments and string
 * literals are left out.
 */
class LayeringTest {

	/** The main sources of the project's packages, relative to the project folder (Maven's working directory). */
	private static final Path SOURCES = Path.of("src/main/java/org/sam2tracker");

	/**
	 * The layers, top to bottom: what each package may import of the project (besides itself), and which of the
	 * {@link #LIBRARIES} it may use. A package may list only packages below its own row; fiji and cli, the two
	 * front ends, list neither each other nor are listed by anyone. A new package needs a row here, at its level.
	 */
	private static final List<Layer> LAYERS = List.of(
		//    package    may import, of the project                                 may use
		layer("fiji",    "output io imagej cache run results track install model files evaluate", "ImageJ SciJava"),
		layer("cli",     "output io imagej cache run results track install model files evaluate", "ImageJ picocli"),
		layer("output",  "imagej run results model files",                          "ImageJ"),
		layer("io",      "imagej run track model results files evaluate",           "ImageJ"),
		layer("imagej",  "run track model results",                                 "ImageJ"),
		layer("cache",   "run track model files",                                   ""),
		layer("run",     "track model results",                                     ""),
		layer("results", "",                                                        ""),
		layer("evaluate", "",                                                       ""),
		layer("track",   "model",                                                   ""),
		layer("install", "model files",                                             ""),
		layer("model",   "",                                                        ""),
		layer("files",   "",                                                        ""));

	/** The libraries that belong to some layers only, by the name the table uses, with their package prefixes. */
	private static final Map<String, List<String>> LIBRARIES = libraries(
		"ImageJ", "ij.",
		"SciJava", "org.scijava. net.imagej.",
		"picocli", "picocli.");

	/** The front ends: the top of the layers, which nothing else may import. */
	private static final Set<String> FRONT_ENDS = Set.of("fiji", "cli");

	private static final String PROJECT = "org.sam2tracker";

	/** A name that may be a project package or a library's, not preceded by a dot or a letter of a longer name. */
	private static final Pattern QUALIFIED = Pattern.compile(
		"(?<![\\w$.])((?:org\\.sam2tracker|ij|picocli|org\\.scijava|net\\.imagej)(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)+)");

	@Test
	void everyPackageImportsOnlyWhatItsLayerAllows() throws IOException {
		final List<String> broken = new ArrayList<>();
		for (final String pkg : packagesOnDisk()) {
			final Layer layer = layer(pkg);
			if (layer == null) continue; // everyPackageOnDiskHasARule says so
			for (final Path file : javaFiles(SOURCES.resolve(pkg.replace('.', '/')))) {
				broken.addAll(check(layer, pkg.replace('.', '/') + "/" + file.getFileName(),
					Files.readString(file, StandardCharsets.UTF_8)));
			}
		}
		assertTrue(broken.isEmpty(), () -> broken.size() + " name(s) break the layering (the rules are the table"
			+ " LAYERS in LayeringTest, and each package's package-info.java):\n\n" + String.join("\n\n", broken));
	}

	@Test
	void everyPackageOnDiskHasARule() throws IOException {
		final List<String> missing = new ArrayList<>();
		final Set<String> onDisk = packagesOnDisk();
		for (final String pkg : onDisk) {
			if (layer(pkg) == null) missing.add(packageName(pkg) + " (" + SOURCES.resolve(pkg.replace('.', '/'))
				+ ") is a package the layering test does not know. Give it its rule: add a row for \"" + pkg
				+ "\" to LAYERS in LayeringTest, at its level in the table, naming the packages below it that it may"
				+ " import and the libraries it may use (and add it to the rows above that may import it).");
		}
		for (final Layer layer : LAYERS) {
			if (!onDisk.contains(layer.name)) missing.add("LAYERS in LayeringTest has a row for \"" + layer.name
				+ "\", but there is no package " + packageName(layer.name) + " under " + SOURCES + " with Java files"
				+ " in it. Remove the row, and the package from the rows that list it.");
		}
		assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
	}

	@Test
	void everyPackageHasAPackageInfo() throws IOException {
		final List<String> missing = new ArrayList<>();
		for (final String pkg : packagesOnDisk()) {
			final Path folder = SOURCES.resolve(pkg.replace('.', '/'));
			if (!Files.isRegularFile(folder.resolve("package-info.java"))) missing.add(folder + " has no"
				+ " package-info.java. Add one that says what " + packageName(pkg) + " is, what it may import (its"
				+ " row in LAYERS in LayeringTest) and where a change of its kind goes.");
		}
		assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
	}

	/** The table itself: arrows point down only, and it names only packages and libraries it has rows for. */
	@Test
	void theTablePointsDownOnly() {
		final List<String> wrong = new ArrayList<>();
		final List<String> order = LAYERS.stream().map(Layer::name).toList();
		assertEquals(order.size(), new LinkedHashSet<>(order).size(), "LAYERS has two rows for one package");
		for (int i = 0; i < LAYERS.size(); i++) {
			final Layer layer = LAYERS.get(i);
			for (final String below : layer.mayImport) {
				final int at = order.indexOf(below);
				if (at < 0) wrong.add("The row \"" + layer.name + "\" may import \"" + below + "\", which has no row.");
				else if (at <= i) wrong.add("The row \"" + layer.name + "\" may import \"" + below + "\", which is not"
					+ " below it: imports point down only. Move \"" + below + "\" below \"" + layer.name + "\" in the"
					+ " table if nothing it imports is above it, or move the shared classes down.");
				if (FRONT_ENDS.contains(below)) wrong.add("The row \"" + layer.name + "\" may import the front end \""
					+ below + "\": nothing imports a front end.");
			}
			for (final String library : layer.libraries) {
				if (!LIBRARIES.containsKey(library)) wrong.add("The row \"" + layer.name + "\" names the library \""
					+ library + "\", which is not one of " + LIBRARIES.keySet() + ".");
			}
		}
		assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
	}

	/** The checker on sources made up here: it finds a bad import and a qualified name, not comments or text. */
	@Test
	void theCheckerSeesCodeAndNotCommentsOrStrings() {
		final String source = String.join("\n",
			"package org.sam2tracker.run;",
			"",
			"import static org.sam2tracker.track.Direction.FORWARD;",
			"import org.sam2tracker.model.Sam2Model;",
			"import org.sam2tracker.imagej.TrackingJob;",
			"// import ij.ImagePlus;",
			"/** {@link org.sam2tracker.fiji.TrackerRun} and ij.IJ in a comment */",
			"class Bad {",
			"	String text = \"ij.plugin.Commands and org.sam2tracker.cli.Main in a string\";",
			"	String block = \"\"\"",
			"		ij.IJ in a text block \\\"\"\" still in it",
			"		\"\"\";",
			"	char quote = '\"';",
			"	Object image = ij.IJ.getImage(); // and org.sam2tracker.fiji.TrackerRun after code",
			"	java.util.List<org.sam2tracker.run.RunSettings> own;",
			"}");
		final List<String> broken = check(layer("run"), "run/Bad.java", source);
		assertEquals(2, broken.size(), () -> String.join("\n\n", broken));
		assertTrue(broken.get(0).startsWith("run/Bad.java:5 imports org.sam2tracker.imagej.TrackingJob"), broken.get(0));
		assertTrue(broken.get(0).contains("move the class down, or pass what it needs in from above"), broken.get(0));
		assertTrue(broken.get(1).startsWith("run/Bad.java:14 names ij.IJ.getImage"), broken.get(1));
		final List<String> frontEnd = check(layer("fiji"), "fiji/Bad.java", "import org.sam2tracker.cli.Main;\n");
		assertEquals(1, frontEnd.size(), () -> String.join("\n\n", frontEnd));
		assertTrue(frontEnd.get(0).contains("front end"), frontEnd.get(0));
	}

	// ---------------------------------------------------------------------------------------------------------

	/** What one source file of a package breaks, one message per name. */
	private static List<String> check(final Layer layer, final String file, final String source) {
		final List<String> broken = new ArrayList<>();
		final String code = code(source);
		final Matcher m = QUALIFIED.matcher(code);
		while (m.find()) {
			final String name = m.group(1).replaceAll("\\s+", "");
			final int line = lineOf(code, m.start());
			final String where = file + ":" + line + (isImport(code, m.start()) ? " imports " : " names ") + name;
			if (name.startsWith(PROJECT + ".")) {
				final String target = projectPackage(name);
				if (target.equals(layer.name) || layer.mayImport.contains(target)) continue;
				broken.add(where + "\n  " + projectRule(layer, target));
			} else {
				final String library = libraryOf(name);
				if (library == null || layer.libraries.contains(library)) continue;
				broken.add(where + "\n  " + libraryRule(layer, library));
			}
		}
		return broken;
	}

	private static String projectRule(final Layer layer, final String target) {
		final String rule = "Rule: " + layer.name + " may import " + (layer.mayImport.isEmpty()
			? "nothing else of the project" : "only " + String.join(", ", layer.mayImport) + " of the project") + ".";
		if (FRONT_ENDS.contains(target)) {
			return rule + " " + target + " is a front end: no other package imports it, and the two front ends import"
				+ " nothing of each other. Fix: move what both need down (an option into run.RunParameters, work on an"
				+ " image into imagej, a result file into output), or pass it in from above.";
		}
		if (layer(target) == null) {
			return rule + " " + packageName(target) + " has no row in LAYERS. Fix: name an existing package, or give"
				+ " the new package its row in LAYERS in LayeringTest.";
		}
		final boolean above = LAYERS.indexOf(layer(target)) < LAYERS.indexOf(layer);
		return rule + " " + target + (above ? " is above " : " is beside, not below, ") + layer.name + ". Fix: move"
			+ " the class down, or pass what it needs in from above: the class goes into " + layer.name
			+ (layer.mayImport.isEmpty() ? "" : " or a package it may import") + ", or " + layer.name + " takes"
			+ " what it needs as a parameter, or declares an interface that " + target + " implements.";
	}

	private static String libraryRule(final Layer layer, final String library) {
		final String users = LAYERS.stream().filter(l -> l.libraries.contains(library)).map(Layer::name)
			.collect(Collectors.joining(", "));
		return "Rule: " + library + " may be used only in " + users + "; " + layer.name + " may use "
			+ (layer.libraries.isEmpty() ? "none of " + String.join(", ", LIBRARIES.keySet())
				: "only " + String.join(", ", layer.libraries)) + ". Fix: move the code that needs " + library
			+ " up into one of " + users + ", and pass what " + layer.name + " needs in from above in its own terms.";
	}

	/** The project package a qualified name is in: its lower-case segments after org.sam2tracker, "" for none. */
	private static String projectPackage(final String name) {
		final List<String> segments = new ArrayList<>();
		for (final String segment : name.substring(PROJECT.length() + 1).split("\\.")) {
			if (segment.isEmpty() || !Character.isLowerCase(segment.charAt(0))) break;
			segments.add(segment);
		}
		return String.join(".", segments);
	}

	private static String libraryOf(final String name) {
		for (final Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
			for (final String prefix : library.getValue()) {
				if (name.startsWith(prefix)) return library.getKey();
			}
		}
		return null;
	}

	private static String packageName(final String pkg) {
		return pkg.isEmpty() ? PROJECT + " (the root package)" : PROJECT + "." + pkg;
	}

	/**
	 * The source with comments, string and character literals and text blocks blanked out. Line breaks stay
	 * where they were, so offsets and line numbers are those of the file.
	 */
	static String code(final String source) {
		final StringBuilder out = new StringBuilder(source);
		final int n = source.length();
		int i = 0;
		while (i < n) {
			final char c = source.charAt(i);
			final int end;
			if (source.startsWith("//", i)) {
				final int eol = source.indexOf('\n', i);
				end = eol < 0 ? n : eol;
			} else if (source.startsWith("/*", i)) {
				final int close = source.indexOf("*/", i + 2);
				end = close < 0 ? n : close + 2;
			} else if (source.startsWith("\"\"\"", i)) {
				end = literalEnd(source, i + 3, "\"\"\"", false);
			} else if (c == '"' || c == '\'') {
				end = literalEnd(source, i + 1, String.valueOf(c), true);
			} else {
				i++;
				continue;
			}
			for (int j = i; j < end; j++) {
				if (out.charAt(j) != '\n') out.setCharAt(j, ' ');
			}
			i = end;
		}
		return out.toString();
	}

	/** Where a literal ends (after its closing quote), from inside it; backslashes escape the next character. */
	private static int literalEnd(final String source, final int from, final String quote, final boolean oneLine) {
		int j = from;
		while (j < source.length()) {
			final char c = source.charAt(j);
			if (c == '\\') j += 2;
			else if (source.startsWith(quote, j)) return j + quote.length();
			else if (oneLine && c == '\n') return j;
			else j++;
		}
		return source.length();
	}

	private static int lineOf(final String code, final int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (code.charAt(i) == '\n') line++;
		}
		return line;
	}

	/** Whether the name at this offset is part of an import statement (one that starts on its line). */
	private static boolean isImport(final String code, final int offset) {
		final int start = code.lastIndexOf('\n', offset) + 1;
		return code.substring(start, offset).strip().matches("import(\\s+static)?");
	}

	/** The packages with Java files under {@link #SOURCES}, as paths below it with dots ("model", "" for the root). */
	private static Set<String> packagesOnDisk() throws IOException {
		assertTrue(Files.isDirectory(SOURCES), () -> SOURCES.toAbsolutePath() + " is not there: the layering test"
			+ " runs in the project folder, as Maven runs it.");
		try (Stream<Path> folders = Files.walk(SOURCES)) {
			final Set<String> packages = new TreeSet<>();
			for (final Path folder : folders.filter(Files::isDirectory).toList()) {
				if (!javaFiles(folder).isEmpty()) {
					packages.add(SOURCES.relativize(folder).toString().replace(folder.getFileSystem().getSeparator(), "."));
				}
			}
			return packages;
		}
	}

	private static List<Path> javaFiles(final Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f))
				.sorted().toList();
		}
	}

	private static Layer layer(final String name) {
		return LAYERS.stream().filter(l -> l.name.equals(name)).findFirst().orElse(null);
	}

	/** One row of {@link #LAYERS}: a package, what it may import of the project, and which libraries it may use. */
	private record Layer(String name, Set<String> mayImport, Set<String> libraries) {}

	private static Layer layer(final String name, final String mayImport, final String libraries) {
		return new Layer(name, words(mayImport), words(libraries));
	}

	private static Map<String, List<String>> libraries(final String... nameThenPrefixes) {
		final Map<String, List<String>> libraries = new LinkedHashMap<>();
		for (int i = 0; i < nameThenPrefixes.length; i += 2) {
			libraries.put(nameThenPrefixes[i], List.copyOf(words(nameThenPrefixes[i + 1])));
		}
		return libraries;
	}

	private static Set<String> words(final String text) {
		return text.isBlank() ? Set.of()
			: new LinkedHashSet<>(Arrays.asList(text.strip().split("\\s+")));
	}
}
