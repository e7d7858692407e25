#!/usr/bin/env python3
"""Writes the tiny TorchScript and ONNX models the can4000-djl detector tests run.

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
- tiny_yolo.onnx: the same detector as tiny_yolo.pt, exported to ONNX (opset 13) for DJL's ONNX Runtime
  engine. torch.onnx.export traces, and a trace cannot keep tiny_yolo.pt's data-dependent branch
  (torch.nonzero, "if any bright pixel"), so TinyYoloOnnx computes the same rows without control flow:
  the patch's bounds are masked minima and maxima over the pixel indices, and "nothing bright" zeroes the
  box and its objectness by multiplication. The outputs are the same for every input; the difference is
  that the trace fixes the input size: tiny_yolo.onnx takes [1, 3, 64, 64] only (as YOLO exports with
  static shapes do), where tiny_yolo.pt takes any square size.

Run with Debian's python3-torch (apt-get install -y python3-torch):  /usr/bin/python3 make_tiny_models.py
(torch 1.13's ONNX exporter needs no onnx package.)
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


class TinyYoloOnnx(torch.nn.Module):
    """TinyYolo without control flow, so that an ONNX trace keeps its dependence on the input."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s = x.shape[3]
        bright = (x[0].mean(0) > 0.5).to(torch.float32)
        cols = bright.max(0)[0]  # 1 where a column holds a bright pixel
        rows = bright.max(1)[0]
        idx = torch.arange(s, dtype=torch.float32)
        far = torch.full_like(idx, 1e9)
        x0 = torch.where(cols > 0, idx, far).min()
        x1 = torch.where(cols > 0, idx, -far).max() + 1.0
        y0 = torch.where(rows > 0, idx, far).min()
        y1 = torch.where(rows > 0, idx, -far).max() + 1.0
        found_any = cols.max()  # 0 or 1
        found = torch.stack([(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0]) * found_any
        obj = (0.9 * found_any).reshape(1)
        cls1 = torch.tensor([0.1, 0.9])
        row0 = torch.cat([found, obj, cls1])
        row1 = torch.cat([found + torch.tensor([1.0, 0.0, 0.0, 0.0]), obj * 0.8 / 0.9, cls1])
        sf = float(ONNX_SIZE)
        row2 = torch.tensor([sf / 4, 5 * sf / 8, sf / 8, sf / 8, 0.7, 0.9, 0.1])
        row3 = torch.tensor([sf / 2, sf / 2, sf / 10, sf / 10, 0.1, 0.5, 0.5])
        return torch.stack([row0, row1, row2, row3]).unsqueeze(0)


ONNX_SIZE = 64


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    torch.jit.script(TinyYolo()).save(os.path.join(here, "tiny_yolo.pt"))
    torch.jit.script(TinyClassifier()).save(os.path.join(here, "tiny_classifier.pt"))
    print(torch.jit.load(os.path.join(here, "tiny_yolo.pt"))(torch.zeros(1, 3, 64, 64)))
    probe = torch.full((1, 3, ONNX_SIZE, ONNX_SIZE), 0.1)
    probe[0, :, 24:40, 20:40] = 1.0
    assert torch.equal(TinyYoloOnnx()(probe), torch.jit.load(os.path.join(here, "tiny_yolo.pt"))(probe))
    torch.onnx.export(
        TinyYoloOnnx(),
        (torch.zeros(1, 3, ONNX_SIZE, ONNX_SIZE),),
        os.path.join(here, "tiny_yolo.onnx"),
        input_names=["images"],
        output_names=["output0"],
        opset_version=13,
    )
