"""Videos side by side, as the paper's figures show them: panels of one length and height,
left to right with a white gap between them."""

import numpy as np

GRID_GAP = 2  # white pixels between the panels of a grid


def side_by_side(*videos):
    """Videos (arrays) of one length and height, joined left to right."""
    length, height = videos[0].shape[:2]
    gap = np.full((length, height, GRID_GAP, 3), 255, np.uint8)
    panels = [part for video in videos for part in (gap, video)][1:]
    return np.concatenate(panels, axis=2)


class StillFrames:
    """One photo held for `frames` frames, made as iterated."""

    def __init__(self, photo, frames):
        self.photo, self.frames = photo, frames
        self.shape = (frames, *photo.shape)

    def __len__(self):
        return self.frames

    def __iter__(self):
        return (self.photo for _ in range(self.frames))


class SideBySide:
    """Frame sequences of one length and height, joined left to right as iterated. A
    sequence shown in more than one panel is iterated once: each of its frames is made
    once."""

    def __init__(self, videos):
        self.videos = videos
        length, height = videos[0].shape[:2]
        width = sum(video.shape[2] for video in videos) + GRID_GAP * (len(videos) - 1)
        self.shape = (length, height, width, 3)

    def __len__(self):
        return self.shape[0]

    def __iter__(self):
        distinct = list({id(video): video for video in self.videos}.values())
        for frames in zip(*distinct):
            frame_of = {id(video): frame for video, frame in zip(distinct, frames)}
            yield side_by_side(*(frame_of[id(video)][None] for video in self.videos))[0]
