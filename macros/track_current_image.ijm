// SAM 2 Tracker on the current image.
//
// Mark each object on one frame first: points (multi-point tool), a rectangle or an outline, added to the
// ROI Manager (press T), or left as the selection. Then run this macro. It makes a label image, outlines on
// the image and the spots table in the Results window.
//
// The argument, when given, is the model: an installed model's name or a bundle folder.

requires("1.54f");
model = getArgument();
if (model == "") model = "sam2.1-tiny";
if (nImages == 0) exit("Open a time-lapse or a z-stack and mark the objects on one frame first.");

input = getTitle();
run("SAM 2 Tracker...", "model=[" + model + "] device=Auto direction=both non-overlapping fill_holes=64 overlay results");
labels = getTitle();

objects = 0;
for (row = 0; row < nResults; row++) objects = maxOf(objects, getResult("Label", row));
print(input + ": " + objects + " objects tracked, " + nResults + " spots; labels in " + labels + ".");
