from store import describe


def main():
    print(describe())


if __name__ == "__main__":
    main()
