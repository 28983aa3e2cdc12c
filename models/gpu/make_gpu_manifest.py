"""Writes a GPU pack manifest (src/main/resources/org/sam2tracker/install/gpu-pack-<platform>.tsv) from the jars on
Maven Central, reading only what it needs by range requests: each jar's central directory, then each wanted
member's local header and compressed bytes, which are inflated to check their CRC-32 and take their SHA-256.

    python3 models/gpu/make_gpu_manifest.py windows-x64 > src/main/resources/org/sam2tracker/install/gpu-pack-windows-x64.tsv

The members are listed below per platform, in the order the plugin loads them: ONNX Runtime's own first (it
loads them itself), then the CUDA libraries, dependencies before what needs them.
"""
import hashlib
import struct
import sys
import urllib.request
import zlib

CENTRAL = "https://repo.maven.apache.org/maven2/"
ORT = "com.microsoft.onnxruntime:onnxruntime_gpu:1.22.0"
CUDA = "org.bytedeco:cuda:12.6-9.5-1.5.11:{}-redist"
CUDART = "org.bytedeco:cuda-redist:12.9-9.10-1.5.12:{}"

PLATFORMS = {
    "windows-x64": ("windows-x86_64", "ai/onnxruntime/native/win-x64/", [
        (ORT, "onnxruntime.dll"), (ORT, "onnxruntime4j_jni.dll"), (ORT, "onnxruntime_providers_shared.dll"),
        (ORT, "onnxruntime_providers_cuda.dll"),
        (CUDART, "cudart64_12.dll"), (CUDA, "cublasLt64_12.dll"), (CUDA, "cublas64_12.dll"),
        (CUDA, "curand64_10.dll"), (CUDA, "cufft64_11.dll"), (CUDA, "nvrtc64_120_0.dll"),
        (CUDA, "nvrtc-builtins64_126.dll"), (CUDA, "cudnn_graph64_9.dll"), (CUDA, "cudnn_ops64_9.dll"),
        (CUDA, "cudnn_heuristic64_9.dll"), (CUDA, "cudnn_engines_precompiled64_9.dll"),
        (CUDA, "cudnn_engines_runtime_compiled64_9.dll"), (CUDA, "cudnn_cnn64_9.dll"), (CUDA, "cudnn_adv64_9.dll"),
        (CUDA, "cudnn64_9.dll")]),
}


def url(artifact):
    parts = artifact.split(":")
    group, name, version = parts[0], parts[1], parts[2]
    classifier = "-" + parts[3] if len(parts) > 3 else ""
    return f"{CENTRAL}{group.replace('.', '/')}/{name}/{version}/{name}-{version}{classifier}.jar"


def fetch(address, first, last):
    request = urllib.request.Request(address, headers={"Range": f"bytes={first}-{last}"})
    with urllib.request.urlopen(request, timeout=60) as r:
        if r.status != 206:
            raise SystemExit(f"{address} did not send a part (status {r.status})")
        return r.read()


def size(address):
    request = urllib.request.Request(address, method="HEAD")
    with urllib.request.urlopen(request, timeout=60) as r:
        return int(r.headers["Content-Length"])


def members(address):
    total = size(address)
    tail = fetch(address, max(0, total - 65536), total - 1)
    at = tail.rfind(b"PK\x05\x06")
    count, cd_size, cd_offset = struct.unpack("<HII", tail[at + 10:at + 20])
    cd = fetch(address, cd_offset, cd_offset + cd_size - 1)
    out, p = {}, 0
    while p < len(cd):
        (_, _, _, _, method, _, _, crc, csize, usize, nlen, xlen, clen, _, _, _, offset) = struct.unpack(
            "<IHHHHHHIIIHHHHHII", cd[p:p + 46])
        name = cd[p + 46:p + 46 + nlen].decode()
        out[name] = (method, crc, csize, usize, offset)
        p += 46 + nlen + xlen + clen
    return out


def main(platform):
    arch, ort_dir, wanted = PLATFORMS[platform]
    listings = {}
    print(f"# The GPU pack for {platform}: ONNX Runtime 1.22.0's CUDA build (the version of the plugin's ONNX Runtime")
    print("# classes) and the CUDA 12 / cuDNN 9 libraries it needs, in load order; made by models/gpu/make_gpu_manifest.py.")
    print("#order\tfile\tsize\tsha256\tartifact\tentry\tlocal_header_offset\tcompressed_size\tcrc32")
    for order, (pattern, file) in enumerate(wanted, 1):
        artifact = pattern.format(arch)
        address = url(artifact)
        if address not in listings:
            listings[address] = members(address)
        entry = (ort_dir if artifact == ORT else f"org/bytedeco/cuda/{arch}/") + file
        if entry not in listings[address]:
            raise SystemExit(f"{entry} is not in {address}")
        method, crc, csize, usize, offset = listings[address][entry]
        header = fetch(address, offset, offset + 29)
        nlen, xlen = struct.unpack("<HH", header[26:30])
        data = fetch(address, offset + 30 + nlen + xlen, offset + 30 + nlen + xlen + csize - 1)
        content = zlib.decompress(data, -15) if method == 8 else data
        if len(content) != usize or zlib.crc32(content) != crc:
            raise SystemExit(f"{entry}: unpacked {len(content)} bytes with another CRC than the jar lists")
        sha = hashlib.sha256(content).hexdigest()
        print(f"{order}\t{file}\t{usize}\t{sha}\t{artifact}\t{entry}\t{offset}\t{csize}\t{crc:08x}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
