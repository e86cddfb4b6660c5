#!/bin/bash
# Guest script of scripts/lab/capture-golden: builds a varied table with the
# reference ipvsadm, records the kernel's raw replies with ipvs_capture, and
# prints what the reference ipvsadm shows for the same table. The host side
# splits the sections into tests/golden/netlink/kernel-*.txt.
set -e
R=/ref/ipvsadm
$R -C
$R -A -t 10.0.0.1:80 -s rr
$R -a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 3 -x 100 -y 10
$R -a -t 10.0.0.1:80 -r 192.168.1.3:8080 -m -w 0
$R -a -t 10.0.0.1:80 -r 192.168.1.4 -i --tun-type gue --tun-port 6080 --tun-csum
$R -a -t 10.0.0.1:80 -r 192.168.1.5 -i --tun-type gre --tun-nocsum
$R -A -t 10.0.0.2:443 -s sh -b sh-fallback,sh-port -p 600 -M 255.255.255.0
$R -a -t 10.0.0.2:443 -r 10.1.1.6 -g -w 2
# A mixed-family real server; next to 10.x (not 192.168.x, where 1.31's sort
# overflows against 2001:db8::, COMPAT D3).
$R -a -t 10.0.0.2:443 -r [2001:db8::44]:443 -i
$R -A -u 10.0.0.3:5060 -s rr -p 60 --pe sip -o
$R -a -u 10.0.0.3:5060 -r 192.168.1.7 -m
$R -A --sctp-service 10.0.0.4:3868 -s dh -b flag-1,flag-3
$R -A -t [2001:db8::1]:80 -s mh -b mh-port -p 100 -M 64
$R -a -t [2001:db8::1]:80 -r [2001:db8::20]:8080 -m -w 7
$R -A -f 100 -s lc
$R -a -f 100 -r 192.168.2.1 -m
$R -A -f 101 -6 -s wlc -p
$R -a -f 101 -6 -r [2001:db8::30]:0 -g
$R --set 901 121 301
echo "=== capture table"
ipvs_capture
for v in "-Ln" "-Sn" "-Ln --thresholds" "-Ln --persistent-conn" "-Ln --tun-info" "-Ln --stats --exact" "-L --timeout"; do
  echo "=== ipvsadm table $v"
  $R $v
done
# The kernel refuses a sync daemon while mixed-family real servers exist.
$R -C
ip link set lab0 multicast on
$R --start-daemon master --mcast-interface lab0 --syncid 9
$R --start-daemon backup --mcast-interface lab0 --syncid 4 --mcast-group 239.0.0.7 --mcast-port 9000 --mcast-ttl 2 --sync-maxlen 1200
echo "=== capture daemon"
ipvs_capture
echo "=== ipvsadm daemon -L --daemon"
$R -L --daemon
$R --stop-daemon master
$R --stop-daemon backup
$R --set 900 120 300
