"""Images good and bad for the e2e tests: the repository's samples, and crafted files that attack a
decoder (truncated, lying headers, decompression and scan bombs). Written here with zlib and Pillow."""
import io
import pathlib
import struct
import zlib

from PIL import Image

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "data" / "fashion"
TROUSER_PNG = (SAMPLES / "0002-trouser.png").read_bytes()
TROUSER_JPEG = (SAMPLES / "0002-trouser.jpg").read_bytes()
PULLOVER_PHOTO = (SAMPLES / "0001-pullover-photo.jpg").read_bytes()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height, rows=None):
    """A grey PNG whose header declares width × height; its data holds `rows` rows of zeros (default: all
    of them, compressed as one stream: a decompression bomb when large)."""
    compressor = zlib.compressobj(9)
    data = b""
    row = b"\0" * (width + 1)
    for _ in range(height if rows is None else rows):
        data += compressor.compress(row)
    data += compressor.flush()
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + png_chunk(b"IDAT", data) + png_chunk(b"IEND", b""))


def jpeg_with_size(jpeg, width, height):
    """The JPEG with its frame header (SOF0 or SOF2) declaring another size."""
    data = bytearray(jpeg)
    for marker in (b"\xff\xc0", b"\xff\xc2"):
        start = data.find(marker)
        if start >= 0:
            data[start + 5:start + 9] = struct.pack(">HH", height, width)
            return bytes(data)
    raise ValueError("no frame header")


def progressive_jpeg_with_many_scans(scans=600):
    """A progressive JPEG whose last scan is repeated until it has `scans` scans: a scan bomb."""
    buffer = io.BytesIO()
    Image.frombytes("L", (28, 28), bytes(range(256)) * 3 + bytes(16)).save(buffer, "JPEG", progressive=True)
    data = buffer.getvalue()
    last_scan = data.rfind(b"\xff\xda")
    end = data.rfind(b"\xff\xd9")
    return data[:last_scan] + data[last_scan:end] * (scans - data.count(b"\xff\xda") + 1) + data[end:]


def gif():
    buffer = io.BytesIO()
    Image.new("L", (4, 4)).save(buffer, "GIF")
    return buffer.getvalue()
