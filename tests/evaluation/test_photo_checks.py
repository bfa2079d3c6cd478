"""The photo checks' figures, on pictures whose answer is known."""

import numpy as np

from mdgan_tf.evaluation.photo_checks import (doubling, light_drift, mirror_symmetry,
                                              point_change, region_change, straight_lines,
                                              texture_energy)


def noise(height, width, seed=0):
    return np.random.RandomState(seed).randint(0, 256, (height, width, 3)).astype(np.uint8)


def test_a_sky_that_shows_itself_mirrored_scores_near_one_and_a_plain_one_near_zero():
    half = noise(64, 160)
    mirrored = np.concatenate([half, half[:, ::-1]], axis=1)   # an axis in the middle
    assert mirror_symmetry(mirrored) > 0.9
    assert mirror_symmetry(noise(64, 320, seed=1)) < 0.3
    # Only the rows asked about count: the mirror is in the bottom half here.
    stacked = np.concatenate([noise(64, 320, seed=2), mirrored])
    assert mirror_symmetry(stacked, rows=(0.0, 0.5)) < 0.3
    assert mirror_symmetry(stacked, rows=(0.5, 1.0)) > 0.9


def test_a_sky_mixed_with_itself_moved_across_is_doubled_and_a_moved_sky_is_not():
    sky = noise(64, 512, seed=3)
    photo = sky[:, :320]
    moved = sky[:, 40:360]                                   # the sky moved on: not doubled
    mixed = (0.5 * photo.astype(np.float32) + 0.5 * sky[:, 90:410]).astype(np.uint8)
    assert abs(doubling(moved, photo)) < 0.1
    assert doubling(mixed, photo) > 0.35                     # each cloud twice, 90 apart
    assert doubling(photo, photo) == 0
    # Only a lag of at least MIN_REPEAT_LAG counts: a sky shown twice 8 pixels of 320
    # apart is a blur, which texture_energy measures.
    near = (0.5 * photo.astype(np.float32) + 0.5 * sky[:, 8:328]).astype(np.uint8)
    assert doubling(near, photo) < 0.1


def test_a_blur_loses_texture_energy_and_a_still_region_has_no_change():
    import cv2

    sharp = noise(64, 256)
    soft = cv2.GaussianBlur(sharp, (0, 0), 2)
    assert texture_energy(soft) < 0.5 * texture_energy(sharp)
    weight = np.zeros((64, 256), np.float32)
    weight[:32] = 1
    half_soft = sharp.copy()
    half_soft[32:] = soft[32:]
    assert texture_energy(half_soft, weight) > 0.9 * texture_energy(sharp)
    moved = sharp.copy()
    moved[:32] = np.roll(sharp[:32], 5, axis=1)
    top, bottom = np.zeros((64, 256), bool), np.zeros((64, 256), bool)
    top[:32], bottom[32:] = True, True
    assert region_change(sharp, moved, bottom) == 0 and region_change(sharp, moved, top) > 0.2


def test_a_sky_that_darkens_has_drifted_and_one_moved_across_has_not():
    sky = noise(64, 256) // 2 + 60
    darker = sky.copy()
    darker[:32, :, 2] -= 20                               # its top rows' blue, 20 levels
    assert abs(light_drift(darker, sky) - 20) < 1e-6
    assert light_drift(darker, sky, rows=(0.5, 1.0)) == 0   # not the rows below
    moved = np.roll(sky, 37, axis=1)
    assert light_drift(moved, sky) < 1e-6


def test_a_tear_or_a_seam_through_the_sky_is_a_straight_line_and_clouds_are_not():
    import cv2

    clouds = cv2.GaussianBlur(noise(128, 256, seed=3), (0, 0), 3)
    sky = np.ones((128, 256), np.float32)
    rows, columns = straight_lines(clouds, sky)
    assert rows < 3 and columns < 3
    torn = clouds.copy()
    torn[:64] = np.roll(clouds[:64], 40, axis=1)   # the top half slid on: a tear
    assert straight_lines(torn, sky)[0] > 2 * rows
    seam = clouds.copy()
    seam[:, 100:] = np.clip(seam[:, 100:].astype(int) + 25, 0, 255)   # new sky, lighter
    assert straight_lines(seam, sky)[1] > 2 * columns
    # Only steps within the sky count: a horizon under it is no line.
    ground = sky.copy()
    ground[64:] = 0
    horizon = clouds.copy()
    horizon[64:] = 20
    assert straight_lines(horizon, ground)[0] < 3


def test_a_cloud_edge_is_as_much_a_line_over_a_roof_as_beside_it():
    import cv2

    clouds = cv2.GaussianBlur(noise(128, 256, seed=4), (0, 0), 3).astype(int)
    sky = np.ones((128, 256), np.float32)
    sky[96:] = 0
    sky[40:, 150:200] = 0                 # a roof block cuts these columns short
    edge = np.zeros((128, 256), int)
    edge[:48] = 30                         # a cloud's edge, strongest high in the sky
    strengths = []
    for x in (100, 170):                  # beside the roof, then over it
        frame = clouds.copy()
        frame[:, x:] += edge[:, x:, None]
        strengths.append(straight_lines(np.clip(frame, 0, 255).astype(np.uint8), sky)[1])
    assert strengths[0] > 2 and abs(strengths[1] - strengths[0]) < 0.2 * strengths[0]


def test_a_point_on_a_piece_carried_off_changes_and_a_point_that_stayed_does_not():
    photo = np.zeros((40, 80, 3), np.uint8) + np.uint8([60, 80, 150])   # a dusk sky
    photo[30:] = 20                                           # the ground
    photo[10:30, 20:24] = 200                                 # a mast rising from it
    tip, foot = (22 / 80, 12 / 40), (60 / 80, 35 / 40)
    carried = photo.copy()
    carried[10:20, 20:24] = photo[0, 0]                       # its tip gone with the sky
    carried[10:20, 30:34] = 200
    assert point_change(carried, photo, [foot]) == 0.0
    assert point_change(carried, photo, [tip, foot]) == 140.0  # red: 200 - 60
    assert point_change(photo, photo, [tip, foot]) == 0.0
    # Anything beyond the 3 x 3 pixels around a point does not count.
    assert point_change(carried, photo, [(22 / 80, 22 / 40)]) == 0.0
