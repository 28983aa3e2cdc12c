// SAM 2 Tracker without a screen: one image, prompts from a file (a RoiSet, a prompts .json or .csv, or a session
// saved by SAM 2 Interactive, which replays to its labels), results into a folder.
//
//   ImageJ-linux64 --headless --console -macro track_headless.ijm \
//     "image=/data/cells.tif prompts=/data/cells_prompts.zip model=sam2.1-tiny output=/data/results"
//
// Writes the command line's results into the output folder (<name>-labels.tif, -spots.csv, -tracks.csv,
// -trackmate.csv, the -ctc folder and -run.json) and prints one line per object. Results that exist already are
// not replaced unless options=[overwrite] is given. Any option of the command can be added with
// "options=[...]", for example options=[device=GPU direction=forward].

args = getArgument();
image = value(args, "image");
prompts = value(args, "prompts");
model = value(args, "model");
output = value(args, "output");
extra = value(args, "options");
if (image == "" || prompts == "" || output == "") exit("Usage: image=<file> prompts=<RoiSet .zip, prompts .json or .csv, or a saved session> output=<folder> [model=<name or folder>] [options=[...]]");
if (model == "") model = "sam2.1-tiny";
if (!endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);

setBatchMode(true);
open(image);
run("SAM 2 Tracker...", "model=[" + model + "] roiset=[" + prompts + "] direction=both non-overlapping fill_holes=64 results save=[" + output + "] " + extra);

// One line per object, from the spots in the Results table.
objects = 0;
for (row = 0; row < nResults; row++) objects = maxOf(objects, getResult("Label", row));
for (label = 1; label <= objects; label++) {
	frames = 0;
	area = 0;
	for (row = 0; row < nResults; row++) {
		if (getResult("Label", row) == label) {
			frames++;
			area += getResult("Area", row);
		}
	}
	if (frames > 0) area = area / frames;
	print("object " + label + ": " + frames + " frames, mean area " + d2s(area, 2));
}
close("*");

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
