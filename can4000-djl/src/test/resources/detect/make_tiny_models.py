#!/usr/bin/env python3
"""Writes the tiny TorchScript models the can4000-djl detector tests run.

They are real TorchScript programs, loaded and run by DJL's PyTorch engine exactly as a user's exported
YOLO model would be, but with no trained weights (nothing third-party is bundled):

- tiny_yolo.pt: a "YOLOv5-style" detector. Input [1, 3, S, S] floats 0..1 (the letterboxed photograph);
  output [1, 4, 7] rows (cx, cy, w, h, objectness, score class 0, score class 1) in input pixels:
    0: the bounding box of the pixels whose channel mean exceeds 0.5 (a bright patch), class 1, 0.9*0.9
    1: the same box moved one pixel right, class 1, 0.8*0.9 (non-maximum suppression must drop it)
    2: a fixed box at (S/4, 5S/8), size S/8 x S/8, class 0, 0.7*0.9
    3: a fixed box at the centre scoring 0.1*0.5 (the confidence threshold must drop it)
- tiny_classifier.pt: a two-class "classifier" for crops. Input [1, 3, s, s]; output logits [1, 2]:
  class 0 ("reddish") when the mean red exceeds the mean green, else class 1.

Run with Debian's python3-torch (apt-get install -y python3-torch):  /usr/bin/python3 make_tiny_models.py
"""
import os
import torch


class TinyYolo(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s = float(x.shape[3])
        bright = x[0].mean(0) > 0.5
        ys = torch.nonzero(bright.any(1)).flatten().to(torch.float32)
        xs = torch.nonzero(bright.any(0)).flatten().to(torch.float32)
        if ys.numel() > 0 and xs.numel() > 0:
            x0 = xs.min()
            x1 = xs.max() + 1.0
            y0 = ys.min()
            y1 = ys.max() + 1.0
            found = torch.stack([(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0])
            obj = 0.9
        else:
            found = torch.zeros(4)
            obj = 0.0
        cls1 = torch.tensor([0.1, 0.9])
        row0 = torch.cat([found, torch.tensor([obj]), cls1])
        row1 = torch.cat([found + torch.tensor([1.0, 0.0, 0.0, 0.0]), torch.tensor([obj * 0.8 / 0.9]), cls1])
        row2 = torch.tensor([s / 4, 5 * s / 8, s / 8, s / 8, 0.7, 0.9, 0.1])
        row3 = torch.tensor([s / 2, s / 2, s / 10, s / 10, 0.1, 0.5, 0.5])
        return torch.stack([row0, row1, row2, row3]).unsqueeze(0)


class TinyClassifier(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        red = x[:, 0].mean()
        green = x[:, 1].mean()
        d = (red - green) * 20.0
        return torch.stack([d, -d]).unsqueeze(0)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    torch.jit.script(TinyYolo()).save(os.path.join(here, "tiny_yolo.pt"))
    torch.jit.script(TinyClassifier()).save(os.path.join(here, "tiny_classifier.pt"))
    print(torch.jit.load(os.path.join(here, "tiny_yolo.pt"))(torch.zeros(1, 3, 64, 64)))
