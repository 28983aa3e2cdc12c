"""Bad input to the exporter: one clear line and exit code 2.

  refenv run python3 -m unittest discover -s models/export/tests -v
"""

import contextlib
import io
import os
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import export_bundle  # noqa: E402


def run(*argv):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = export_bundle.main(list(argv))
    return code, err.getvalue().strip()


class ExporterInputTest(unittest.TestCase):

    def test_unknown_model_id(self):
        code, message = run("--model", "sam3-giant", "--out", tempfile.mkdtemp())
        self.assertEqual(2, code)
        self.assertIn("unknown model 'sam3-giant'", message)
        self.assertEqual(1, len(message.splitlines()))

    def test_folder_without_weights(self):
        folder = tempfile.mkdtemp()
        code, message = run("--model", folder, "--out", os.path.join(folder, "bundle"))
        self.assertEqual(2, code)
        self.assertIn("holds no weights", message)

    def test_unknown_architecture(self):
        with self.assertRaises(SystemExit):  # argparse refuses it with its usage line
            with contextlib.redirect_stderr(io.StringIO()):
                export_bundle.main(["--random", "huge", "--out", tempfile.mkdtemp()])

    def test_old_transformers(self):
        import transformers
        with mock.patch.object(transformers, "__version__", "4.40.0"):
            code, message = run("--random", "fixture", "--out", tempfile.mkdtemp())
        self.assertEqual(2, code)
        self.assertIn("transformers 4.40.0 is too old", message)

    def test_existing_bundle_is_not_overwritten(self):
        folder = tempfile.mkdtemp()
        code, message = run("--random", "fixture", "--out", folder)
        self.assertEqual(2, code)
        self.assertIn("exists; pass --overwrite", message)


if __name__ == "__main__":
    unittest.main()
