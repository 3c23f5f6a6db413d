"""The one error type of the build: a message that names the file, row and problem."""


class BuildError(Exception):
    """Raised for any input that cannot be turned into a valid database.

    The message is shown to the person running `make data` as it is, so it names where the problem
    is (file, table row or project number) and what is wrong, in plain words.
    """
