"""A loop's cross-fade keeps the photo's sharpness, and leaves alone what it need not."""

import cv2
import numpy as np

from mdgan_tf.animation.blending import sharp_mix
from mdgan_tf.evaluation.photo_checks import texture_energy


def clouds(seed, size=(96, 128)):
    """Soft random texture: noise blurred at a few pixels, like a cloud's fine detail."""
    noise = np.random.RandomState(seed).uniform(0, 255, (*size, 3)).astype(np.float32)
    return np.clip(128 + 3 * (cv2.GaussianBlur(noise, (0, 0), 1.5) - 128), 0, 255).astype(
        np.uint8)


def test_a_mix_of_two_unrelated_skies_keeps_their_fine_texture():
    a, b = clouds(0), clouds(1)
    plain = (0.5 * a.astype(np.float32) + 0.5 * b).round().astype(np.uint8)
    assert texture_energy(plain) < 0.6 * texture_energy(a)        # what a cross-fade loses
    mixed = sharp_mix(a, b, 0.5)
    assert texture_energy(mixed) >= 0.9 * texture_energy(a)
    # Its coarse picture is the plain mix's: the detail is raised, nothing else.
    coarse = [cv2.GaussianBlur(x.astype(np.float32), (0, 0), 6) for x in (mixed, plain)]
    assert np.abs(coarse[0] - coarse[1]).mean() < 1.0


def test_a_mix_of_one_sky_with_itself_is_that_sky_and_the_ends_are_exact():
    a, b = clouds(0), clouds(1)
    assert np.abs(sharp_mix(a, a, 0.5).astype(int) - a).max() <= 1
    np.testing.assert_array_equal(sharp_mix(a, b, 0.0), a)
    np.testing.assert_array_equal(sharp_mix(a, b, 1.0), b)


def test_a_weight_per_pixel_cross_fades_across_a_band_and_keeps_its_texture():
    a, b = clouds(0), clouds(1)
    constant = np.full(a.shape[:2], 0.5, np.float32)
    assert np.abs(sharp_mix(a, b, constant).astype(int) - sharp_mix(a, b, 0.5)).max() <= 1
    ramp = np.broadcast_to(np.linspace(0, 1, a.shape[1], dtype=np.float32), a.shape[:2])
    faded = sharp_mix(a, b, ramp)
    assert np.abs(faded[:, 0].astype(int) - a[:, 0]).max() <= 1      # all first ...
    assert np.abs(faded[:, -1].astype(int) - b[:, -1]).max() <= 1    # ... to all second
    middle = slice(a.shape[1] // 3, 2 * a.shape[1] // 3)
    plain = (a + ramp[..., None] * (b.astype(np.float32) - a)).round().astype(np.uint8)
    assert texture_energy(faded[:, middle]) >= 0.9 * texture_energy(a[:, middle])
    assert texture_energy(plain[:, middle]) < 0.8 * texture_energy(a[:, middle])


def test_a_mix_of_a_busy_sky_with_a_calmer_one_keeps_their_mean_texture():
    # The landscape's loop: one end's sky had left the frame, the other's was calmer; a
    # gain capped at what two unrelated views need left its middle at 0.86.
    a, b = clouds(0), clouds(1)
    calm = np.clip(128 + 0.5 * (b.astype(np.float32) - 128), 0, 255).astype(np.uint8)
    wanted = 0.5 * (texture_energy(a) + texture_energy(calm))
    assert texture_energy(sharp_mix(a, calm, 0.5)) >= 0.95 * wanted


def test_a_coarse_weight_mixes_the_two_views_light_evenly_under_a_patchy_weight():
    # A loop swapping patch by patch (`loop_swap`): its two ends' light differs (a
    # vignette moved with the sky), and patches of one and the other showed as blobs.
    a, b = (128 + 0.3 * (clouds(seed, (96, 256)).astype(np.float32) - 128) for seed in (0, 1))
    a, b = a.astype(np.uint8), (b + 40).astype(np.uint8)                # b lit brighter
    patches = np.kron(np.indices((3, 8)).sum(axis=0) % 2, np.ones((32, 32))).astype(np.float32)
    patches = cv2.GaussianBlur(patches, (0, 0), 4)

    def coarse(x):
        return cv2.GaussianBlur(x.astype(np.float32).mean(axis=-1), (0, 0), 12)[16:-16, 16:-16]

    even = coarse(sharp_mix(a, b, patches, coarse_weight=0.5))
    patchy = coarse(sharp_mix(a, b, patches))
    assert patchy.std() > 3                      # the light follows the patches ...
    assert even.std() < 0.25 * patchy.std()      # ... or is one mix everywhere
    assert abs(even.mean() - coarse(sharp_mix(a, b, 0.5)).mean()) < 2
    # Only the coarse light moved: the detail is as the patchy mix has it.
    detail = [texture_energy(sharp_mix(a, b, patches, coarse_weight=w)) for w in (0.5, None)]
    assert abs(detail[0] - detail[1]) < 0.05 * detail[1]


def test_a_narrow_band_mixed_between_two_unmixed_parts_keeps_its_texture():
    # A loop's band of sky swapping between a part that shows one end and a part that
    # shows the other: measured over a neighbourhood, the unmixed rows beside the band and
    # the light mixed across it counted as detail kept, and the band kept too little.
    a, b = clouds(0, (128, 256)), clouds(1, (128, 256))
    b = np.clip(b.astype(np.float32) * 0.8 + 40, 0, 255).astype(np.uint8)    # lit otherwise
    rows = np.arange(128, dtype=np.float32)[:, None]
    weight = np.broadcast_to(np.clip((rows - 52) / 24, 0, 1), (128, 256)).astype(np.float32)
    band = slice(58, 70)                                   # weights 0.25 to 0.75
    mixed = sharp_mix(a, b, weight)
    wanted = 0.5 * (texture_energy(a[band]) + texture_energy(b[band]))
    assert texture_energy(mixed[band]) >= 0.9 * wanted


def test_a_weight_broadcast_down_one_column_mixes_as_its_copy_does():
    """A new sky one column wide joined the photo's edge by a weight broadcast down its
    rows (every stride 0): OpenCV read it as NaN, and the column came out black."""
    a, b = (np.clip(64 + cloud[:, :1] // 2, 0, 255) for cloud in (clouds(0), clouds(1)))
    broadcast = np.broadcast_to(np.float32([0.4]), (96, 1))
    mixed = sharp_mix(a, b, broadcast)
    np.testing.assert_array_equal(mixed, sharp_mix(a, b, np.full((96, 1), 0.4, np.float32)))
    assert mixed.min() > 0      # the two skies' values are all within 64-191


def test_a_mix_made_in_strips_of_rows_is_the_mix_made_whole(monkeypatch):
    from mdgan_tf.animation import blending

    a, b = clouds(0, (96, 256)), clouds(1, (96, 256))
    band = np.tile(np.linspace(0, 1, 256, dtype=np.float32), (96, 1))
    cases = [(0.3, None), (band, None), (band, 0.5)]
    whole = [sharp_mix(a, b, weight, coarse_weight=coarse) for weight, coarse in cases]
    monkeypatch.setattr(blending, "STRIP_PIXELS", 7 * 256)      # strips of 7 rows
    for (weight, coarse), made in zip(cases, whole):
        assert np.array_equal(sharp_mix(a, b, weight, coarse_weight=coarse), made)
