from django.test import SimpleTestCase


class IndexTests(SimpleTestCase):
    def test_index(self) -> None:
        self.assertEqual(self.client.get("/").content, b"Hello from Django!\n")
