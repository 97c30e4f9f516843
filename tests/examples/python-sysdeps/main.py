"""Name a file's type from its first bytes with libmagic (python-magic loads the system's libmagic at run time)."""

import magic

if __name__ == "__main__":
    print("python-magic says:", magic.from_buffer(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"))
