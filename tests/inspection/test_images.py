"""Images are decoded in full, under a pixel limit that is a setting."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.inspection import UploadRefused, inspect_upload, reasons
from tests import files


def test_an_image_over_the_pixel_limit_is_refused_with_the_limit():
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(SimpleUploadedFile("photo.png", files.png(100, 60)), max_size=10**7, max_pixels=5_000)

    assert refused.value.reason == reasons.IMAGE_TOO_MANY_PIXELS
    assert "at most 0.005 megapixels" in refused.value.message


def test_an_image_at_the_pixel_limit_is_accepted():
    inspection = inspect_upload(
        SimpleUploadedFile("photo.png", files.png(100, 60)), max_size=10**7, max_pixels=6_000
    )

    assert inspection.content_type == "image/png"


def test_every_frame_of_an_animation_counts_towards_the_limit():
    animation = files.VALID["webp-animated"][0]()  # three frames of 40 x 40

    with pytest.raises(UploadRefused):
        inspect_upload(SimpleUploadedFile("a.webp", animation), max_size=10**7, max_pixels=3 * 1600 - 1)
    assert inspect_upload(SimpleUploadedFile("a.webp", animation), max_size=10**7, max_pixels=3 * 1600)


def test_trailing_zero_padding_is_not_hidden_data():
    inspection = inspect_upload(
        SimpleUploadedFile("photo.jpg", files.image("JPEG") + bytes(64)), max_size=10**7
    )

    assert inspection.content_type == "image/jpeg"
