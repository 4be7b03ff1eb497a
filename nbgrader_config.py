# nbgrader configuration for the chapter's notebooks, read by nbgrader from the repository root.
#
# With it, `nbgrader generate_assignment chapter_optimization` writes the same student edition as
# `./d2l student` (tools/student.py, which follows nbgrader's ClearSolutions rules): the same stub for
# Java solutions, the same text stub, the same delimiters, and only the solution cells' outputs cleared.
# nbgrader adds its own grading metadata on top (checksums, locked cells), which ./d2l student does not.
#
#   pip install nbgrader                      # not installable on the machines this repository is tested on,
#   D2L_LANG=zh nbgrader generate_assignment chapter_optimization   # so this file is checked by
#                                             # tools/tests/test_exercises.py, not run through nbgrader
#
# Course layout: the instructor notebooks stay where they are (notebooks/<lang>/chapter_optimization is
# the "source" of the assignment "chapter_optimization"); releases and the gradebook go to build/nbgrader/.
# nbgrader's formgrader, autograde and feedback steps work on this layout as on any other course.
import os

c = get_config()  # noqa: F821  (traitlets provides get_config when nbgrader loads this file)

ROOT = os.path.dirname(os.path.abspath(__file__))
LANG = os.environ.get("D2L_LANG", "en")

# --- ClearSolutions: the values tools/student.py uses ---------------------------------------------------
c.ClearSolutions.code_stub = {"java": 'throw new RuntimeException("write your solution here");'}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"   # nbgrader's spelling of "delimiter"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.enforce_metadata = True

# --- where things are -------------------------------------------------------------------------------------
c.CourseDirectory.root = ROOT
c.CourseDirectory.source_directory = os.path.join("notebooks", LANG)
c.CourseDirectory.release_directory = os.path.join("build", "nbgrader", "release", LANG)
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "build", "nbgrader", "gradebook.db")

# --- outputs: clear only the solution cells ----------------------------------------------------------------
# nbgrader's ClearOutput empties every cell; our edition keeps the committed plots and printed results of
# the other cells, so a learner sees the section as the book shows it. This preprocessor takes
# ClearOutput's place in generate_assignment; it also drops the planted wrong answers of our tests
# (metadata.d2l.wrong_solution / wrong_message), which are not for learners.
try:
    from nbconvert.preprocessors import Preprocessor
    from traitlets import Bool
except ImportError:  # not inside nbgrader: nothing to register
    Preprocessor = None

if Preprocessor is not None:
    class D2lClearSolutionOutputs(Preprocessor):
        """Clears the outputs of solution cells and removes instructor-only d2l metadata."""
        enabled = Bool(True).tag(config=True)

        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
                cell.outputs = []
                cell.execution_count = None
            d2l = cell.metadata.get("d2l")
            if isinstance(d2l, dict):
                for key in ("wrong_solution", "wrong_message"):
                    d2l.pop(key, None)
                if not d2l:
                    del cell.metadata["d2l"]
            return cell, resources

    try:
        from nbgrader.converters import GenerateAssignment
        from nbgrader.preprocessors import ClearOutput
        trait = GenerateAssignment.class_traits()["preprocessors"]
        default = trait.default_value if isinstance(trait.default_value, list) else trait.default()
        c.GenerateAssignment.preprocessors = [D2lClearSolutionOutputs if p is ClearOutput else p for p in default]
    except ImportError:
        pass
