/* A tiny C extension: sum of the integers 1..n. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *triangle(PyObject *self, PyObject *args) {
    long long n;
    if (!PyArg_ParseTuple(args, "L", &n)) {
        return NULL;
    }
    return PyLong_FromLongLong(n * (n + 1) / 2);
}

static PyMethodDef methods[] = {
    {"triangle", triangle, METH_VARARGS, "Sum of 1..n."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speed", "C helpers.", -1, methods};

PyMODINIT_FUNC PyInit__speed(void) { return PyModule_Create(&module); }
