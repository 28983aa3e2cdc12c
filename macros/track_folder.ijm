// SAM 2 Tracker over a folder of time-lapses.
//
// Each image (.tif) needs its prompts beside it, in a RoiSet saved from the ROI Manager (More > Save...)
// under the image's name with "_prompts.zip" in place of ".tif": cells.tif and cells_prompts.zip. Images
// without prompts are skipped and listed. For each image, the output folder gets the same results as the
// command line writes: <name>-labels.tif, -spots.csv, -tracks.csv, -trackmate.csv, the -ctc folder and
// -run.json. Results that exist already are not replaced: add overwrite to the run(...) options to redo them.
//
// Arguments (for a run without dialogs): "input=<folder> output=<folder> model=<name or bundle folder>".

requires("1.54f");
args = getArgument();
input = value(args, "input");
output = value(args, "output");
model = value(args, "model");
if (input == "") input = getDirectory("Folder of time-lapses");
if (output == "") output = getDirectory("Folder for the results");
if (model == "") model = "sam2.1-tiny";
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);

setBatchMode(true);
files = getFileList(input);
done = 0;
skipped = "";
for (i = 0; i < files.length; i++) {
	if (!endsWith(toLowerCase(files[i]), ".tif")) continue;
	base = substring(files[i], 0, lengthOf(files[i]) - 4);
	prompts = input + base + "_prompts.zip";
	if (!File.exists(prompts)) {
		skipped = skipped + " " + files[i];
		continue;
	}
	open(input + files[i]);
	run("SAM 2 Tracker...", "model=[" + model + "] roiset=[" + prompts + "] direction=both non-overlapping fill_holes=64 save=[" + output + "]");
	close("*");
	done++;
}
print("SAM 2 Tracker: " + done + " images tracked into " + output);
if (skipped != "") print("Skipped, no _prompts.zip beside them:" + skipped);

// The value of key=value in a space-separated argument string; values may be in [brackets].
function value(text, key) {
	text = " " + text;
	at = indexOf(text, " " + key + "=");
	if (at < 0) return "";
	start = at + lengthOf(key) + 2;
	if (substring(text, start, start + 1) == "[") return substring(text, start + 1, indexOf(text, "]", start));
	end = indexOf(text, " ", start);
	if (end < 0) end = lengthOf(text);
	return substring(text, start, end);
}
