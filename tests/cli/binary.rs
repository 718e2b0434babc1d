//! The binary itself (R-SYS-5): it imports nothing that could reach a network.

/// The names of the functions an ELF64 little-endian binary imports (undefined dynamic symbols).
#[cfg(target_os = "linux")]
fn elf_imports(bin: &[u8]) -> Vec<String> {
    let u16_at = |o: usize| u16::from_le_bytes([bin[o], bin[o + 1]]) as usize;
    let u32_at = |o: usize| u32::from_le_bytes(bin[o..o + 4].try_into().unwrap()) as usize;
    let u64_at = |o: usize| u64::from_le_bytes(bin[o..o + 8].try_into().unwrap()) as usize;
    assert_eq!(&bin[..4], b"\x7fELF");
    assert_eq!(bin[4], 2, "ELF64");
    let (shoff, shentsize, shnum) = (u64_at(0x28), u16_at(0x3A), u16_at(0x3C));
    let section = |i: usize| shoff + i * shentsize;
    let mut names = Vec::new();
    for i in 0..shnum {
        let sh = section(i);
        if u32_at(sh + 4) != 11 {
            continue; // SHT_DYNSYM
        }
        let (off, size, link, entsize) = (
            u64_at(sh + 0x18),
            u64_at(sh + 0x20),
            u32_at(sh + 0x28),
            u64_at(sh + 0x38),
        );
        let strtab = u64_at(section(link) + 0x18);
        for s in (off..off + size).step_by(entsize.max(24)) {
            let (name, shndx) = (u32_at(s), u16_at(s + 6));
            if shndx == 0 && name != 0 {
                let start = strtab + name;
                let end = start + bin[start..].iter().position(|b| *b == 0).unwrap();
                names.push(String::from_utf8_lossy(&bin[start..end]).to_string());
            }
        }
    }
    names
}

// R-SYS-5: the program opens no network connection: the binary does not even import the calls
// that would (socket, connect, getaddrinfo …) from the C library.
#[cfg(target_os = "linux")]
#[test]
fn r_sys_5_no_network_calls_in_the_binary() {
    let bin = std::fs::read(env!("CARGO_BIN_EXE_baomi")).unwrap();
    let imports = elf_imports(&bin);
    assert!(
        imports.iter().any(|n| n.starts_with("open")),
        "the import table was read: {imports:?}"
    );
    for name in [
        "socket",
        "connect",
        "getaddrinfo",
        "gethostbyname",
        "sendto",
        "recvfrom",
        "bind",
        "listen",
        "accept",
    ] {
        assert!(
            !imports
                .iter()
                .any(|n| n == name || n.starts_with(&format!("{name}@"))),
            "the binary imports {name}"
        );
    }
}
