"""A sky the user draws: read from a file or an array, checked against the photo, moved
instead of the sky found, with the sun still found in it."""

import cv2
import numpy as np
import pytest
from PIL import Image

from mdgan_tf.animation.slide import slide
from mdgan_tf.errors import InputError, UserError
from mdgan_tf.inference import found_sky_file, write_found_sky
from mdgan_tf.preprocessing.given_sky import check_fits, check_mask_file, given_sky
from mdgan_tf.preprocessing.sky_mask import found_sky


def top_half(height, width):
    mask = np.zeros((height, width), np.uint8)
    mask[: height // 2] = 255
    return mask


def test_a_mask_file_is_read_as_its_brightness_white_for_sky(tmp_path):
    rgba = np.zeros((20, 30, 4), np.uint8)
    rgba[:10, :, :3] = 255                  # white on top, an alpha channel all transparent
    Image.fromarray(rgba).save(tmp_path / "mask.png")
    sky = given_sky(tmp_path / "mask.png")
    assert sky.dtype == np.float32 and sky.shape == (20, 30)
    assert (sky[:10] == 1).all() and (sky[10:] == 0).all()
    assert np.array_equal(given_sky(top_half(20, 30) > 0), sky)      # bool
    assert np.array_equal(given_sky(np.repeat(top_half(20, 30)[..., None], 3, -1)), sky)


def test_bad_masks_are_refused_naming_the_problem(tmp_path):
    (tmp_path / "notes.png").write_text("not an image")
    cases = [
        (tmp_path / "notes.png", "notes.png: not a readable JPEG/PNG/BMP/GIF image"),
        (tmp_path / "missing.png", "missing.png: no such image file"),
        (np.full((20, 30), 1.5, np.float32), "a float sky mask must lie in [0, 1], got values "
                                             "from 1.5 to 1.5"),
        (np.zeros((20, 30), np.uint8), "the sky mask marks no sky: white (or 1) is sky"),
        (np.ones((2, 20, 30, 3), np.uint8), "a sky mask must be h x w or h x w x channels"),
    ]
    for mask, message in cases:
        with pytest.raises(UserError) as error:
            given_sky(mask)
        assert message in str(error.value)
    check_fits((17, 30), (360, 640))          # 16.9 rows at 30 columns: within a pixel
    with pytest.raises(InputError, match="the sky mask is 30x30 and the photo 640x360: a "
                                         "mask must have the photo's shape"):
        check_fits((30, 30), (360, 640))


def test_a_mask_file_is_checked_against_the_photo_as_it_is_shown(tmp_path):
    """A phone photo stored sideways, 60 x 40, shown 40 x 60 by its EXIF orientation: the
    mask is drawn on what is shown."""
    photo = Image.fromarray(np.full((40, 60, 3), 128, np.uint8))
    exif = Image.Exif()
    exif[0x0112] = 6                           # turned a quarter to be shown
    photo.save(tmp_path / "photo.jpg", exif=exif)
    Image.fromarray(top_half(30, 20)).save(tmp_path / "upright.png")
    Image.fromarray(top_half(20, 30)).save(tmp_path / "stored.png")
    check_mask_file(tmp_path / "upright.png", tmp_path / "photo.jpg")
    with pytest.raises(InputError, match="the sky mask is 30x20 and the photo 40x60"):
        check_mask_file(tmp_path / "stored.png", tmp_path / "photo.jpg")


def sunny_sky(height=96, width=256, sun=(200, 30)):
    """A blue sky, a bright round sun, a dark ground along the bottom quarter."""
    photo = np.zeros((height, width, 3), np.uint8)
    photo[:] = (90, 140, 220)
    cv2.circle(photo, sun, 8, (255, 255, 255), -1)
    photo[3 * height // 4:] = (40, 50, 30)
    return photo


def test_found_sky_takes_a_drawn_sky_and_still_finds_its_sun():
    photo = sunny_sky()
    drawn = np.zeros((48, 128), np.float32)     # half the size: the photo's shape
    drawn[:, 64:] = 1                            # the right half is sky, the sun in it
    region, sun, haze = found_sky(photo, given=drawn)
    expected = cv2.resize(drawn, (256, 96), interpolation=cv2.INTER_LINEAR) > 0.5
    assert np.array_equal(region > 0, expected)
    assert not haze.any()
    assert sun[30, 200] == 1                    # held still on the sun
    drawn[:, 90:] = 0                            # drawn without the sun: none is held
    assert not found_sky(photo, given=drawn)[1].any()
    # Found from the photo, the sky is the whole top three quarters.
    assert found_sky(photo)[0][:60].all() and found_sky(photo)[1][30, 200] == 1


def test_a_drawn_sky_moves_and_what_it_leaves_out_stays_still():
    """Soft clouds all over: found, all of it is sky; drawn as the top half, the bottom
    half stays the photo's own (but for the matte's soft edge, `sky_matte`, within a
    sixth of the height: the photo has no edge there to hold it to)."""
    noise = np.random.RandomState(0).uniform(0, 255, (96, 160)).astype(np.float32)
    clouds = 128 + 3 * (cv2.GaussianBlur(noise, (0, 0), 4) - 128)
    photo = np.clip(np.stack([clouds - 10, clouds, clouds + 20], -1), 0, 255).astype(np.uint8)
    drawn = given_sky(top_half(96, 160))
    frames = np.stack(list(slide(photo, 16, speed=1.0, sky_mask=drawn))).astype(int)
    found = np.stack(list(slide(photo, 16, speed=1.0))).astype(int)
    change = np.abs(frames[-1] - photo).mean(axis=(1, 2))
    assert change[:40].mean() > 5                              # the drawn sky moved
    assert change[64:].max() == 0, change[64:].max()           # the rest is the photo
    assert np.abs(found[-1] - photo).mean(axis=(1, 2))[64:].mean() > 5   # found, it moved


def test_the_sky_found_written_and_given_back_makes_the_same_video(tmp_path):
    """`write_found_sky` is a start for a mask to edit: unedited, it moves what was found."""
    photo = sunny_sky().astype(np.float32)
    noise = np.random.RandomState(1).uniform(-40, 40, photo.shape[:2]).astype(np.float32)
    photo[:60] += cv2.GaussianBlur(noise, (0, 0), 3)[:60, :, None]    # clouds in its sky
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    path = write_found_sky(tmp_path / "found.png", photo)
    drawn = given_sky(path)
    assert np.array_equal(drawn > 0.5, found_sky(photo)[0] > 0)
    found = np.stack(list(slide(photo, 12, speed=1.0)))
    given = np.stack(list(slide(photo, 12, speed=1.0, sky_mask=drawn)))
    # Its sky moved (1.9 levels on average: its faint clouds; its light is held where it
    # is, more finely since `still_light.clear_sky`, which took it from 2.1).
    assert np.abs(found[-1, :60].astype(int) - photo[:60]).mean() > 1
    assert np.array_equal(given, found)


def test_the_sky_found_written_holds_the_ground_the_renderer_frees(tmp_path, monkeypatch):
    """Ground the renderer frees as sky (`freed_sky`: a band of low clouds held for want
    of certainty) is written as sky too: given back, the band still moves (a drawn sky
    frees nothing)."""
    photo = sunny_sky()
    band = np.zeros(photo.shape[:2], bool)
    band[74:84, 10:50] = True                      # in its ground
    monkeypatch.setattr(found_sky_file, "freed_sky", lambda image, region, apart: band)
    drawn = given_sky(write_found_sky(tmp_path / "found.png", photo)) > 0.5
    assert drawn[band].all()
    assert np.array_equal(drawn & ~band, (found_sky(photo)[0] > 0) & ~band)
