package dev.mpt.devicefs.mount;

/**
 * The board's half of a mount: Python that MicroPython runs as given (no imports beyond
 * {@code io}, {@code os}, {@code sys}, {@code vfs}, {@code binascii}). It mounts a
 * filesystem object at {@link #MOUNT_POINT} whose every operation becomes one request on
 * the board's stdout, answered by the host on its stdin (see {@link MountLink} for the
 * wire format), and makes the mount point the current directory so {@code import} finds
 * modules there. Everything is defined inside one function, so the board's {@code __main__}
 * keeps no names of ours.
 *
 * <p>Files opened for reading arrive whole with the answer to {@code open} when they are
 * small (an import costs its path lookups and one more round trip); larger ones are read on
 * demand. Each write goes to the host as it is made, so a file the program never closes
 * still has everything written to it.
 */
public final class MountAgent {
    private MountAgent() {}

    /** Where the host directory appears on the board. */
    public static final String MOUNT_POINT = "/remote";

    /** Mounts the host directory at {@link #MOUNT_POINT} and changes into it. */
    public static final String MOUNT = """
            def _mpt_mount():
             import io,os,sys,vfs,binascii
             i=sys.stdin.buffer;o=sys.stdout.buffer
             def rx(n):
              b=b''
              while len(b)<n:
               r=i.read(n-len(b))
               if not r:raise OSError(5)
               b+=r
              return b
             def ask(op,*a):
              o.write(b'\\x0e'+(op+'\\x1f'.join([str(x) for x in a])).encode()+b'\\x0f')
              while rx(1)!=b'\\x0e':pass
              d=rx(int(rx(6).decode(),16))
              if b'\\x10' in d:
               p=d.split(b'\\x10');d=p[0]+b''.join([bytes([q[0]^64])+q[1:] for q in p[1:]])
              k=d.find(b'\\n');v=[int(x) for x in d[:k].decode().split()]
              if v[0]<0:raise OSError(-v[0])
              return v,d[k+1:]
             class F(io.IOBase):
              def __init__(s,fd,b,t):
               s.fd=fd;s.b=b;s.p=0;s.t=t;s.w=None
              def _r(s,n):
               if s.b is None:
                if n>=0:return ask('R',s.fd,n)[1]
                r=b''
                while 1:
                 d=ask('R',s.fd,4096)[1]
                 if not d:return r
                 r+=d
               e=len(s.b) if n<0 else s.p+n
               d=s.b[s.p:e];s.p+=len(d);return d
              def read(s,n=-1):
               d=s._r(n);return str(d,'utf8') if s.t else d
              def readinto(s,m):
               d=s._r(len(m));m[:len(d)]=d;return len(d)
              def readline(s):
               if s.b is None:
                r=b''
                while r[-1:]!=b'\\n':
                 d=s._r(1)
                 if not d:break
                 r+=d
               else:
                k=s.b.find(b'\\n',s.p);e=len(s.b) if k<0 else k+1;r=s.b[s.p:e];s.p=e
               return str(r,'utf8') if s.t else r
              def __iter__(s):return s
              def __next__(s):
               l=s.readline()
               if not l:raise StopIteration
               return l
              def write(s,d):
               if not s.w:raise OSError(9)
               if isinstance(d,str):d=d.encode()
               for k in range(0,len(d),3072):ask('W',s.fd,binascii.b2a_base64(d[k:k+3072])[:-1].decode())
               return len(d)
              def flush(s):pass
              def close(s):
               if s.fd is None:return
               if s.fd>0:ask('C',s.fd)
               s.fd=None
              def ioctl(s,r,a):
               if r==4:s.close()
               return 0
              def __enter__(s):return s
              def __exit__(s,*a):s.close()
             class R:
              def __init__(s,o):s.c='/';s.o=o
              def mount(s,r,m):pass
              def umount(s):pass
              def ab(s,p):
               if p[:1]!='/':p=('' if s.c=='/' else s.c)+'/'+p
               return p
              def chdir(s,p):
               v,b=ask('S',s.ab(p))
               if not v[1]&0x4000:raise OSError(20)
               s.c=b.decode()
              def getcwd(s):return s.c
              def ilistdir(s,p):
               b=ask('L',s.ab(p))[1]
               for e in (b.decode().split('\\x1e') if b else ()):
                n,m,z=e.split('\\x1f');yield (n,int(m),0,int(z))
              def stat(s,p):
               v=ask('S',s.ab(p))[0];return (v[1],0,0,0,0,0,v[2],v[3],v[3],v[3])
              def statvfs(s,p):
               v=ask('V')[0];return (v[1],v[1],v[2],v[3],v[3],0,0,0,0,255)
              def open(s,p,m):
               v,b=ask('O',s.ab(p),m);f=F(v[1],b if v[1]==0 else None,'b' not in m)
               f.w='r' not in m
               return f
              def mkdir(s,p):ask('M',s.ab(p))
              def rmdir(s,p):ask('X',s.ab(p))
              def remove(s,p):ask('D',s.ab(p))
              def rename(s,a,b):ask('N',s.ab(a),s.ab(b))
             try:vfs.umount('/remote')
             except OSError:pass
             vfs.mount(R(os.getcwd()),'/remote')
             os.chdir('/remote')
            _mpt_mount()
            del _mpt_mount
            """;

    /** Leaves the mount point (back to where the mount started) and unmounts it. */
    public static final String UMOUNT = """
            def _mpt_umount():
             import os,vfs
             b='/'
             try:
              for f,p in vfs.mount():
               if p=='/remote':b=getattr(f,'o','/')
             except Exception:pass
             c=os.getcwd()
             if c=='/remote' or c.startswith('/remote/'):os.chdir(b)
             try:vfs.umount('/remote')
             except OSError:pass
            _mpt_umount()
            del _mpt_umount
            """;
}
