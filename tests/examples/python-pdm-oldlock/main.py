import numpy as np


def main():
    print(f"Hello from an old pdm lock: numpy {np.__version__} sums to {int(np.arange(5).sum())}")


if __name__ == "__main__":
    main()
